/**
 * The text of each page of a PDF printed by Chromium (Skia), for print tests: page count and what each
 * page says (running header, page numbers, figure titles). Not a general PDF reader — it handles what
 * Skia writes: uncompressed object table, FlateDecode streams, fonts with ToUnicode CMaps (bfchar /
 * bfrange), hex strings shown with Tj / TJ, and /ActualText spans. Characters are concatenated in
 * drawing order, without spaces.
 */
import { inflateSync } from 'node:zlib';

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function parseObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\s*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endobj', start);
    const body = text.slice(start, end);
    const s = /stream\r?\n/.exec(body);
    let stream: Buffer | null = null;
    let dict = body;
    if (s && body.startsWith('<<')) {
      dict = body.slice(0, s.index);
      const len = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? -1);
      const from = start + s.index + s[0].length;
      const raw = pdf.subarray(from, len >= 0 ? from + len : start + body.lastIndexOf('endstream'));
      stream = /\/FlateDecode/.test(dict) ? inflateSync(raw) : Buffer.from(raw);
    }
    objects.set(Number(m[1]), { dict, stream });
    re.lastIndex = end;
  }
  return objects;
}

const ref = (dict: string, key: string): number | null => {
  const m = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict);
  return m ? Number(m[1]) : null;
};

/** The code → text map of a ToUnicode CMap. */
function toUnicode(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  const hexText = (h: string) => {
    let s = '';
    for (let i = 0; i + 4 <= h.length; i += 4) s += String.fromCharCode(parseInt(h.slice(i, i + 4), 16));
    return s;
  };
  for (const block of cmap.matchAll(/beginbfchar([^]*?)endbfchar/g)) {
    for (const p of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(p[1]!.toUpperCase(), hexText(p[2]!));
  }
  for (const block of cmap.matchAll(/beginbfrange([^]*?)endbfrange/g)) {
    for (const p of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])/g)) {
      const lo = parseInt(p[1]!, 16);
      const hi = parseInt(p[2]!, 16);
      const width = p[1]!.length;
      const dst = p[3]!;
      for (let c = lo; c <= hi; c++) {
        const key = c.toString(16).toUpperCase().padStart(width, '0');
        if (dst.startsWith('[')) {
          const items = [...dst.matchAll(/<([0-9A-Fa-f]+)>/g)].map((x) => x[1]!);
          if (items[c - lo]) map.set(key, hexText(items[c - lo]!));
        } else {
          const base = dst.slice(1, -1);
          const last = parseInt(base.slice(-4), 16) + (c - lo);
          map.set(key, hexText(base.slice(0, -4) + last.toString(16).padStart(4, '0')));
        }
      }
    }
  }
  return map;
}

/** Decode a hex string with a font's map: codes of the map's width (1 or 2 bytes). */
function decode(hex: string, map: Map<string, string> | undefined): string {
  if (!map || map.size === 0) return '';
  const width = [...map.keys()][0]!.length;
  let s = '';
  for (let i = 0; i + width <= hex.length; i += width) s += map.get(hex.slice(i, i + width).toUpperCase()) ?? '';
  return s;
}

/** The text of every page, in page order. */
export function pdfPageTexts(pdf: Buffer): string[] {
  const objects = parseObjects(pdf);
  const pages: number[] = [];
  const catalog = [...objects.entries()].find(([, o]) => /\/Type\s*\/Catalog/.test(o.dict));
  const walk = (n: number) => {
    const o = objects.get(n);
    if (!o) return;
    if (/\/Type\s*\/Pages\b/.test(o.dict)) {
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(o.dict)?.[1] ?? '';
      for (const k of kids.matchAll(/(\d+) 0 R/g)) walk(Number(k[1]));
    } else if (/\/Type\s*\/Page\b/.test(o.dict)) pages.push(n);
  };
  if (catalog) walk(ref(catalog[1].dict, 'Pages')!);
  const fontMaps = new Map<number, Map<string, string>>();
  const fontMap = (n: number) => {
    if (!fontMaps.has(n)) {
      const tu = ref(objects.get(n)?.dict ?? '', 'ToUnicode');
      fontMaps.set(n, tu !== null ? toUnicode(objects.get(tu)?.stream?.toString('latin1') ?? '') : new Map());
    }
    return fontMaps.get(n)!;
  };
  return pages.map((p) => {
    const dict = objects.get(p)!.dict;
    const fonts = new Map<string, number>();
    for (const f of (/\/Font\s*<<([^>]*)>>/.exec(dict)?.[1] ?? '').matchAll(/\/(\w+)\s+(\d+) 0 R/g)) fonts.set(f[1]!, Number(f[2]));
    const contents = /\/Contents\s*\[([^\]]*)\]/.exec(dict)?.[1] ?? (ref(dict, 'Contents') !== null ? `${ref(dict, 'Contents')} 0 R` : '');
    let out = '';
    for (const c of contents.matchAll(/(\d+) 0 R/g)) {
      const ops = objects.get(Number(c[1]))?.stream?.toString('latin1') ?? '';
      let font: Map<string, string> | undefined;
      let actual: string | null = null;
      for (const tok of ops.matchAll(/\/(\w+)\s+[\d.]+\s+Tf|\/ActualText\s*<([0-9A-Fa-f]*)>|\bEMC\b|<([0-9A-Fa-f]*)>\s*Tj|\[((?:[^\]]|\n)*?)\]\s*TJ/g)) {
        if (tok[1] !== undefined) {
          const n = fonts.get(tok[1]);
          font = n !== undefined ? fontMap(n) : undefined;
        } else if (tok[2] !== undefined) {
          const h = tok[2].replace(/^FEFF/i, '');
          actual = '';
          for (let i = 0; i + 4 <= h.length; i += 4) actual += String.fromCharCode(parseInt(h.slice(i, i + 4), 16));
          out += actual;
        } else if (tok[0] === 'EMC') actual = null;
        else if (actual === null) {
          if (tok[3] !== undefined) out += decode(tok[3], font);
          else for (const h of (tok[4] ?? '').matchAll(/<([0-9A-Fa-f]*)>/g)) out += decode(h[1]!, font);
        }
      }
    }
    return out;
  });
}
