/** Chinese text pools: person names, fault descriptions, customer opinions, survey comments. */
import type { Rng } from './rng.ts';

const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛',
];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍建国红志文斌辉鹏宇浩凯俊峰晨阳欣怡海波琳雪梅丹亮成林'];

/** A Chinese name (surname + one or two given characters) not yet in `taken`. */
export function personName(rng: Rng, taken: Set<string>): string {
  for (;;) {
    const n = rng.pick(SURNAMES) + rng.pick(GIVEN) + (rng.chance(0.7) ? rng.pick(GIVEN) : '');
    if (!taken.has(n)) {
      taken.add(n);
      return n;
    }
  }
}

/** A fault code with what the technician writes in the service report. */
export interface Fault {
  code: string;
  cause: string;
  solution: string;
  /** Replaced parts; `无` when nothing was replaced. */
  parts: string[];
  /** Relative frequency among ordinary repairs. */
  weight: number;
}

/** Fault codes of the air-conditioner range (E = error shown on the display, F = customer-reported symptom). */
export const FAULTS: Fault[] = [
  { code: 'E1', cause: '室内环境温度传感器阻值漂移', solution: '更换室温传感器，试机正常', parts: ['室温传感器'], weight: 8 },
  { code: 'E2', cause: '室内盘管温度传感器开路', solution: '更换管温传感器', parts: ['管温传感器'], weight: 7 },
  { code: 'E3', cause: '室内外机通讯线接触不良', solution: '重新压接通讯线并紧固端子', parts: ['无'], weight: 12 },
  { code: 'E4', cause: '压缩机启动电容失效，过流保护', solution: '更换压缩机启动电容，测电流正常', parts: ['压缩机电容', '压缩机电容', '压缩机'], weight: 6 },
  { code: 'E5', cause: '供电电压偏低不稳', solution: '检测供电线路，建议用户加装稳压器', parts: ['无'], weight: 6 },
  { code: 'E6', cause: '室外风机电机损坏', solution: '更换室外风机电机', parts: ['室外风机电机'], weight: 8 },
  { code: 'E7', cause: '铜管焊点渗漏，冷媒不足', solution: '补焊泄漏点，抽真空后加注冷媒', parts: ['R32冷媒', '无'], weight: 14 },
  { code: 'E8', cause: '排水管堵塞，水位保护', solution: '疏通排水管并清洗接水盘', parts: ['无'], weight: 12 },
  { code: 'E9', cause: '显示板接收头损坏', solution: '更换显示板', parts: ['显示板', '遥控器'], weight: 6 },
  { code: 'F01', cause: '室内机安装不水平，接水盘溢水', solution: '重新调整室内机水平', parts: ['无'], weight: 8 },
  { code: 'F02', cause: '室外机支架松动引起共振异响', solution: '紧固支架并加装减震垫', parts: ['减震垫', '无'], weight: 7 },
  { code: 'F03', cause: '四通阀换向不良，不制冷', solution: '更换四通阀', parts: ['四通阀'], weight: 4 },
  { code: 'F04', cause: '电辅热继电器触点烧蚀，不制热', solution: '更换继电器', parts: ['继电器'], weight: 3 },
];

/** What a service report says for the non-repair service types: [cause, solution, parts options]. */
export const SERVICE_TEXT: Record<string, [string[], string[], string[]]> = {
  install: [['新机安装'], ['按规范安装调试，试机正常', '安装完毕，讲解使用方法'], ['无', '无', '无', '铜管加长1.5米', '排水管加长', '外机支架']],
  maintenance: [
    ['定期保养', '用户要求清洗'],
    ['清洗过滤网及蒸发器，检测冷媒压力正常', '深度清洗室内机'],
    ['无', '无', '过滤网'],
  ],
  inspection: [['例行巡检', '合同巡检'], ['巡检正常', '紧固外机支架，巡检正常'], ['无']],
  return: [['外观磕碰', '运输损坏', '用户不满意型号', '运行噪音偏大'], ['办理退换货，旧机收回', '现场换机'], ['整机']],
  consultation: [['咨询使用方法', '咨询保修政策', '咨询遥控器设置', '咨询清洗保养'], ['电话指导', '电话解答，用户认可'], ['无']],
};

/** Customer opinions on the service report, by how the visit went. */
export const OPINIONS = {
  good: ['满意', '满意', '非常满意', '服务很好', '师傅很专业', '上门及时', '态度好，讲解清楚'],
  late: ['等了太久', '希望下次早点到', '上门太晚', '满意'],
  repeat: ['第二次报修了，希望彻底修好', '同一个问题又坏了', '修了又坏'],
  phone: ['满意', '解答清楚', '电话里就解决了，很方便', '满意'],
};

/** Survey comments by tone; most replies carry no comment. */
export const SURVEY_COMMENTS = {
  good: ['服务很好', '师傅很专业', '上门准时', '非常满意，谢谢', '讲解很耐心', '速度快'],
  mid: ['还可以', '一般', '到达时间有点晚', '收费再透明些', '希望提前电话联系'],
  bad: ['等了很久才上门', '师傅态度不好', '修了两次还没修好', '答应回电一直没回', '收费不透明', '不专业，问题没解决'],
};
