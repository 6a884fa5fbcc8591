// Dev-only: the palettes, motifs and page frame the seed images are drawn with (see render-media.ts).
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const MEDIA_DIR = join(dirname(fileURLToPath(import.meta.url)), 'media')

export interface Palette {
  light: string
  deep: string
  main: string
  accent: string
  ink: string
}

export const P = {
  green: { light: '#eef3e6', deep: '#d2e2c0', main: '#7aa356', accent: '#3f6b2a', ink: '#2f4a22' },
  cream: { light: '#f7f2e8', deep: '#e8dbc2', main: '#cdb78c', accent: '#8a7350', ink: '#4f4129' },
  amber: { light: '#f6ebdf', deep: '#e4c6a4', main: '#a8683a', accent: '#6e3f1e', ink: '#4a2a14' },
  brown: { light: '#f0e6dc', deep: '#d4bda8', main: '#7a4a32', accent: '#b23a2b', ink: '#3d2418' },
  red: { light: '#f9e8e2', deep: '#ecc1b3', main: '#b8473a', accent: '#d9a441', ink: '#5a1f18' },
  jasmine: { light: '#f4f7ef', deep: '#dbe8d3', main: '#8fb57a', accent: '#ffffff', ink: '#3c5233' },
  peach: { light: '#fdf0eb', deep: '#f6cfc2', main: '#ef917b', accent: '#7cae6b', ink: '#6b2e22' },
  berry: { light: '#fdebee', deep: '#f4c3cb', main: '#dd4b5c', accent: '#5f9a4a', ink: '#6b1f29' },
  plum: { light: '#f5eaee', deep: '#e0c4ce', main: '#7b2d43', accent: '#c9a35a', ink: '#3e1522' },
  lemon: { light: '#fdf8e3', deep: '#f3e3a2', main: '#f0bf2c', accent: '#8ab04a', ink: '#5e4a0e' },
  nut: { light: '#f8f0e4', deep: '#e8d4b6', main: '#c08a4e', accent: '#7d5228', ink: '#4e3318' },
  celadon: { light: '#ebf3f0', deep: '#c8ddd5', main: '#8fb8a8', accent: '#4f7e6d', ink: '#2c4a40' },
  clay: { light: '#f4e9e1', deep: '#dcc1ae', main: '#8b4a34', accent: '#5e2e1e', ink: '#3f2016' },
  stone: { light: '#f0ede8', deep: '#d9d1c5', main: '#a39482', accent: '#5f564b', ink: '#35302a' },
  glass: { light: '#ebf4f8', deep: '#c9e0ea', main: '#a9d0de', accent: '#c98b3b', ink: '#24495a' },
  gift: { light: '#f8eee2', deep: '#ead0ae', main: '#b5342b', accent: '#d9b25b', ink: '#4d1c16' },
  moon: { light: '#f3f1ec', deep: '#dedad0', main: '#eae4d6', accent: '#b5342b', ink: '#3b352c' },
} satisfies Record<string, Palette>

/** Simple flat illustrations in a 200×200 box. */
export const MOTIFS: Record<string, (p: Palette) => string> = {
  leaf: (p) => `
    <path d="M100 188 C100 150 97 115 90 72" stroke="${p.accent}" stroke-width="5" fill="none" stroke-linecap="round"/>
    <path d="M97 128 C58 130 28 104 24 62 C62 58 94 84 97 128Z" fill="${p.main}"/>
    <path d="M97 128 C70 110 48 88 30 66" stroke="${p.light}" stroke-width="2" fill="none" opacity=".7"/>
    <path d="M99 106 C134 102 164 76 170 36 C132 36 102 62 99 106Z" fill="${p.accent}"/>
    <path d="M99 106 C124 86 146 62 164 42" stroke="${p.light}" stroke-width="2" fill="none" opacity=".6"/>
    <path d="M90 74 C76 56 78 30 93 12 C106 32 104 56 90 74Z" fill="${p.main}" opacity=".85"/>`,
  can: (p) => `
    <rect x="52" y="44" width="96" height="142" rx="10" fill="${p.main}"/>
    <rect x="46" y="30" width="108" height="28" rx="7" fill="${p.accent}"/>
    <rect x="52" y="86" width="96" height="64" fill="#fffaf0" opacity=".92"/>
    <path d="M100 140 C86 126 86 108 100 96 C114 108 114 126 100 140Z" fill="${p.main}"/>
    <rect x="64" y="160" width="72" height="4" rx="2" fill="#fffaf0" opacity=".6"/>`,
  cake: (p) => `
    <circle cx="100" cy="104" r="84" fill="#f8f3e6" stroke="${p.main}" stroke-width="3"/>
    ${Array.from({ length: 12 }, (_, i) => `<line x1="100" y1="104" x2="${100 + 84 * Math.cos((i * Math.PI) / 6)}" y2="${104 + 84 * Math.sin((i * Math.PI) / 6)}" stroke="${p.main}" stroke-width="1.5" opacity=".25"/>`).join('')}
    <circle cx="100" cy="104" r="62" fill="none" stroke="${p.main}" stroke-width="2" stroke-dasharray="5 6" opacity=".6"/>
    <circle cx="100" cy="104" r="28" fill="${p.accent}"/>
    <text x="100" y="115" font-size="30" fill="#fff" text-anchor="middle" font-family="Noto Serif CJK SC" font-weight="700">茶</text>`,
  pouch: (p) => `
    <path d="M50 48 L150 48 L160 182 Q100 192 40 182 Z" fill="${p.main}"/>
    <rect x="48" y="36" width="104" height="16" rx="4" fill="${p.accent}"/>
    <circle cx="100" cy="118" r="36" fill="#fffaf0" opacity=".9"/>
    <path d="M100 142 C84 128 84 106 100 94 C116 106 116 128 100 142Z" fill="${p.accent}"/>`,
  cookie: (p) => `
    <ellipse cx="100" cy="160" rx="82" ry="18" fill="${p.accent}" opacity=".18"/>
    <circle cx="72" cy="118" r="48" fill="${p.main}"/><circle cx="72" cy="118" r="40" fill="${p.deep}"/>
    <circle cx="130" cy="100" r="52" fill="${p.main}"/><circle cx="130" cy="100" r="44" fill="${p.deep}"/>
    ${[
      [118, 84],
      [142, 92],
      [126, 112],
      [148, 118],
      [110, 102],
      [62, 108],
      [80, 128],
      [70, 134],
    ]
      .map(([x, y], i) => `<ellipse cx="${x}" cy="${y}" rx="9" ry="5" transform="rotate(${i * 37} ${x} ${y})" fill="#fff6e4"/>`)
      .join('')}`,
  nuts: (p) => `
    ${[
      [62, 104, '#c98c4c'],
      [88, 90, '#8b5a2b'],
      [116, 96, '#e2c08a'],
      [140, 106, '#b3493d'],
      [100, 110, '#d9a35e'],
      [76, 116, '#6b3f22'],
      [128, 118, '#4a5a8c'],
    ]
      .map(([x, y, c]) => `<ellipse cx="${x}" cy="${y}" rx="16" ry="11" fill="${c}"/>`)
      .join('')}
    <path d="M26 118 L174 118 Q168 184 100 186 Q32 184 26 118Z" fill="${p.main}"/>
    <path d="M26 118 L174 118" stroke="${p.accent}" stroke-width="6" stroke-linecap="round"/>`,
  jar: (p) => `
    <rect x="56" y="52" width="88" height="132" rx="18" fill="#ffffff" opacity=".7" stroke="${p.accent}" stroke-width="3"/>
    <rect x="62" y="34" width="76" height="24" rx="5" fill="${p.accent}"/>
    ${Array.from({ length: 16 }, (_, i) => `<circle cx="${72 + (i % 4) * 19}" cy="${170 - Math.floor(i / 4) * 19}" r="9" fill="${p.main}"/>`).join('')}
    <rect x="68" y="70" width="64" height="24" rx="4" fill="#fffaf0" stroke="${p.accent}" stroke-width="2"/>
    <rect x="80" y="80" width="40" height="4" rx="2" fill="${p.accent}"/>`,
  cubes: (p) => `
    <ellipse cx="100" cy="170" rx="80" ry="14" fill="${p.ink}" opacity=".12"/>
    <rect x="34" y="110" width="60" height="54" rx="8" fill="${p.main}"/>
    <rect x="104" y="110" width="60" height="54" rx="8" fill="${p.main}"/>
    <rect x="68" y="58" width="60" height="54" rx="8" fill="${p.accent}"/>
    <circle cx="98" cy="84" r="6" fill="#fff6e4"/><circle cx="64" cy="136" r="5" fill="#fff6e4"/><circle cx="134" cy="136" r="5" fill="#fff6e4"/>`,
  berry: (p) => `
    <path d="M100 184 C52 150 34 96 60 74 C78 60 92 66 100 72 C108 66 122 60 140 74 C166 96 148 150 100 184Z" fill="${p.main}"/>
    <path d="M100 74 L78 48 L96 60 L100 36 L104 60 L122 48Z" fill="${p.accent}"/>
    ${[
      [78, 100],
      [100, 96],
      [122, 100],
      [88, 124],
      [112, 124],
      [100, 148],
      [70, 122],
      [130, 122],
    ]
      .map(([x, y]) => `<ellipse cx="${x}" cy="${y}" rx="2.5" ry="4" fill="#ffe7a8"/>`)
      .join('')}`,
  slice: (p) => `
    <circle cx="100" cy="104" r="80" fill="${p.main}"/>
    <circle cx="100" cy="104" r="70" fill="#fff7d6"/>
    ${Array.from({ length: 8 }, (_, i) => {
      const a = (i * Math.PI) / 4,
        b = a + Math.PI / 4 - 0.12
      return `<path d="M100 104 L${100 + 62 * Math.cos(a + 0.06)} ${104 + 62 * Math.sin(a + 0.06)} A62 62 0 0 1 ${100 + 62 * Math.cos(b)} ${104 + 62 * Math.sin(b)}Z" fill="${p.main}" opacity=".75"/>`
    }).join('')}
    <circle cx="100" cy="104" r="6" fill="#fff7d6"/>`,
  teabag: (p) => `
    <path d="M100 20 L100 60" stroke="${p.accent}" stroke-width="2"/>
    <rect x="84" y="6" width="32" height="22" rx="3" fill="${p.accent}"/>
    <path d="M100 60 L168 176 L32 176 Z" fill="#ffffff" opacity=".75" stroke="${p.main}" stroke-width="3" stroke-linejoin="round"/>
    <path d="M100 60 L118 176" stroke="${p.main}" stroke-width="2" opacity=".5"/>
    ${[
      [84, 150],
      [110, 160],
      [130, 146],
      [96, 128],
      [72, 164],
      [140, 166],
      [112, 118],
    ]
      .map(
        ([x, y], i) =>
          `<ellipse cx="${x}" cy="${y}" rx="9" ry="5" transform="rotate(${i * 50} ${x} ${y})" fill="${i % 2 ? p.main : p.accent}"/>`,
      )
      .join('')}`,
  cup: (p) => `
    <path d="M80 40 C70 30 90 20 80 8 M104 44 C94 32 114 22 104 8 M128 40 C118 30 138 20 128 8" stroke="${p.main}" stroke-width="4" fill="none" stroke-linecap="round" opacity=".55"/>
    <ellipse cx="100" cy="176" rx="84" ry="16" fill="${p.accent}" opacity=".85"/>
    <path d="M40 70 L160 70 C158 130 136 170 100 170 C64 170 42 130 40 70Z" fill="${p.main}"/>
    <ellipse cx="100" cy="70" rx="60" ry="12" fill="#d9a441"/>
    <ellipse cx="100" cy="70" rx="60" ry="12" fill="none" stroke="${p.accent}" stroke-width="3"/>`,
  gaiwan: (p) => `
    <ellipse cx="100" cy="178" rx="86" ry="14" fill="${p.accent}"/>
    <path d="M34 100 L166 100 C160 148 136 170 100 170 C64 170 40 148 34 100Z" fill="${p.main}"/>
    <path d="M44 100 C48 66 152 66 156 100Z" fill="${p.main}" opacity=".9" stroke="${p.accent}" stroke-width="3"/>
    <ellipse cx="100" cy="64" rx="18" ry="8" fill="${p.accent}"/>
    <path d="M60 130 C80 140 120 140 140 130" stroke="#ffffff" stroke-width="3" fill="none" opacity=".45"/>`,
  teapot: (p) => `
    <path d="M150 104 C176 90 184 70 188 60" stroke="${p.main}" stroke-width="12" fill="none" stroke-linecap="round"/>
    <path d="M44 96 C16 96 14 150 50 150" stroke="${p.accent}" stroke-width="10" fill="none"/>
    <ellipse cx="100" cy="124" rx="62" ry="54" fill="${p.main}"/>
    <ellipse cx="100" cy="76" rx="36" ry="9" fill="${p.accent}"/>
    <circle cx="100" cy="64" r="9" fill="${p.accent}"/>
    <ellipse cx="100" cy="180" rx="44" ry="6" fill="${p.ink}" opacity=".2"/>`,
  glass: (p) => `
    <rect x="56" y="36" width="88" height="148" rx="12" fill="#ffffff" opacity=".55" stroke="${p.ink}" stroke-width="3"/>
    <rect x="59" y="112" width="82" height="69" rx="9" fill="${p.accent}" opacity=".75"/>
    <rect x="80" y="30" width="40" height="78" rx="6" fill="#ffffff" stroke="${p.ink}" stroke-width="3"/>
    <rect x="88" y="20" width="24" height="12" rx="4" fill="${p.ink}"/>
    <path d="M144 66 C170 66 170 130 144 130" stroke="${p.ink}" stroke-width="5" fill="none"/>`,
  box: (p) => `
    <rect x="36" y="84" width="128" height="100" rx="4" fill="${p.main}"/>
    <rect x="28" y="66" width="144" height="30" rx="4" fill="${p.main}" stroke="${p.ink}" stroke-opacity=".15" stroke-width="2"/>
    <rect x="90" y="66" width="20" height="118" fill="${p.accent}"/>
    <path d="M100 66 C76 30 48 46 70 66Z M100 66 C124 30 152 46 130 66Z" fill="${p.accent}"/>
    <circle cx="100" cy="64" r="8" fill="${p.accent}"/>`,
  flower: (p) => `
    <path d="M100 190 C100 150 96 130 84 110" stroke="${p.accent === '#ffffff' ? p.ink : p.accent}" stroke-width="4" fill="none" opacity=".6"/>
    <path d="M96 160 C66 160 52 140 50 120 C74 122 92 138 96 160Z" fill="${p.main}"/>
    ${[
      [80, 82, 34],
      [136, 112, 26],
      [120, 52, 22],
    ]
      .map(
        ([x, y, r]) =>
          `${Array.from(
            { length: 6 },
            (_, i) =>
              `<ellipse cx="${x + r * 0.55 * Math.cos((i * Math.PI) / 3)}" cy="${y + r * 0.55 * Math.sin((i * Math.PI) / 3)}" rx="${r * 0.48}" ry="${r * 0.3}" transform="rotate(${i * 60} ${x + r * 0.55 * Math.cos((i * Math.PI) / 3)} ${y + r * 0.55 * Math.sin((i * Math.PI) / 3)})" fill="${p.accent === '#ffffff' ? '#ffffff' : p.main}" stroke="${p.ink}" stroke-opacity=".12"/>`,
          ).join('')}<circle cx="${x}" cy="${y}" r="${r * 0.2}" fill="#f2c94c"/>`,
      )
      .join('')}`,
}

/** Product id -> [motif, palette]. */
export const PRODUCT_ART: Record<string, [keyof typeof MOTIFS, keyof typeof P]> = {
  p01: ['can', 'green'],
  p02: ['leaf', 'cream'],
  p03: ['pouch', 'amber'],
  p04: ['cake', 'brown'],
  p05: ['leaf', 'green'],
  p06: ['can', 'red'],
  p07: ['cake', 'cream'],
  p08: ['flower', 'jasmine'],
  p09: ['cookie', 'nut'],
  p10: ['nuts', 'nut'],
  p11: ['jar', 'plum'],
  p12: ['jar', 'stone'],
  p13: ['cubes', 'berry'],
  p14: ['berry', 'berry'],
  p15: ['cubes', 'jasmine'],
  p16: ['teabag', 'peach'],
  p17: ['jar', 'red'],
  p18: ['pouch', 'nut'],
  p19: ['flower', 'lemon'],
  p20: ['pouch', 'green'],
  p21: ['slice', 'lemon'],
  p22: ['gaiwan', 'celadon'],
  p23: ['teapot', 'stone'],
  p24: ['cup', 'clay'],
  p25: ['glass', 'glass'],
  p26: ['teapot', 'clay'],
  p27: ['box', 'gift'],
  p28: ['box', 'moon'],
  p29: ['box', 'green'],
  p30: ['cake', 'gift'],
}

export const CATEGORY_ART: Record<string, [keyof typeof MOTIFS, keyof typeof P]> = {
  'c-tea': ['leaf', 'green'],
  'c-snack': ['cookie', 'nut'],
  'c-drink': ['cup', 'peach'],
  'c-ware': ['teapot', 'celadon'],
  'c-gift': ['box', 'gift'],
}

export const AVATAR_ART: Array<[keyof typeof MOTIFS, keyof typeof P]> = [
  ['flower', 'peach'],
  ['cup', 'amber'],
  ['leaf', 'celadon'],
  ['teabag', 'glass'],
  ['berry', 'berry'],
  ['slice', 'lemon'],
  ['cookie', 'nut'],
  ['flower', 'lemon'],
  ['gaiwan', 'celadon'],
  ['cake', 'brown'],
  ['teapot', 'clay'],
  ['leaf', 'cream'],
  ['jar', 'plum'],
  ['cup', 'green'],
]

export const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
export const svg = (motif: string, p: Palette, size: number, extra = '') =>
  `<svg viewBox="0 0 200 200" width="${size}" height="${size}" style="${extra}">${MOTIFS[motif](p)}</svg>`
export const LOGO = (color: string, size: number) =>
  `<svg viewBox="0 0 40 24" width="${size * 1.66}" height="${size}"><path d="M0 24 L13 6 L20 15 L27 2 L40 24Z" fill="${color}"/></svg>`

export function page(width: number, height: number, body: string, background: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>
    *{margin:0;padding:0;box-sizing:border-box}
    html,body{width:${width}px;height:${height}px;overflow:hidden;background:${background}}
    body{position:relative;font-family:'Noto Sans CJK SC',sans-serif}
    .serif{font-family:'Noto Serif CJK SC',serif;font-weight:700}
    .abs{position:absolute}
  </style></head><body>${body}</body></html>`
}

export function brandMark(p: Palette, color = p.ink): string {
  return `<div class="abs serif" style="left:32px;top:28px;display:flex;align-items:center;gap:8px;color:${color};font-size:20px;letter-spacing:4px">${LOGO(color, 18)}山野茶集</div>`
}
