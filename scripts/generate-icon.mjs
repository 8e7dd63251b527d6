/**
 * Draws the app icon (a house sheltering a heart on a teal rounded square) into resources/icon.png
 * (512×512 RGBA) and resources/icon.svg, with no dependencies: shapes are sampled 4×4 per pixel
 * and the PNG is written with zlib. Run: node scripts/generate-icon.mjs
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const SAMPLES = 4;
const TOP = [0x20, 0xc9, 0x97];
const BOTTOM = [0x08, 0x7f, 0x5b];
const WHITE = [0xff, 0xff, 0xff];
const RADIUS = 112;
const ROOF = [
  [256, 104],
  [88, 252],
  [424, 252],
];
const BODY = { x0: 136, y0: 236, x1: 376, y1: 412, r: 24 };
const HEART = { cx: 256, cy: 318, s: 62 };

function inRoundedRect(x, y, x0, y0, x1, y1, r) {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function inTriangle(x, y, [a, b, c]) {
  const side = (p, q) => (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
  const d1 = side(a, b);
  const d2 = side(b, c);
  const d3 = side(c, a);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
}

/** The classic heart curve (x² + y² − 1)³ − x²y³ ≤ 0, y pointing up. */
function inHeart(x, y) {
  const u = (x - HEART.cx) / HEART.s;
  const v = -(y - HEART.cy) / HEART.s + 0.15;
  const a = u * u + v * v - 1;
  return a * a * a - u * u * v * v * v <= 0;
}

/** Colour and coverage at one sample point. */
function sample(x, y) {
  if (!inRoundedRect(x, y, 0, 0, SIZE, SIZE, RADIUS)) return null;
  const t = y / SIZE;
  const background = TOP.map((c, i) => c + (BOTTOM[i] - c) * t);
  const house = inTriangle(x, y, ROOF) || inRoundedRect(x, y, BODY.x0, BODY.y0, BODY.x1, BODY.y1, BODY.r);
  return house && !inHeart(x, y) ? WHITE : background;
}

function render() {
  const rgba = Buffer.alloc(SIZE * SIZE * 4);
  for (let py = 0; py < SIZE; py += 1) {
    for (let px = 0; px < SIZE; px += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      let hits = 0;
      for (let sy = 0; sy < SAMPLES; sy += 1) {
        for (let sx = 0; sx < SAMPLES; sx += 1) {
          const colour = sample(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          hits += 1;
        }
      }
      const o = (py * SIZE + px) * 4;
      if (hits > 0) {
        rgba[o] = Math.round(r / hits);
        rgba[o + 1] = Math.round(g / hits);
        rgba[o + 2] = Math.round(b / hits);
        rgba[o + 3] = Math.round((255 * hits) / (SAMPLES * SAMPLES));
      }
    }
  }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export function encodePng(rgba, width, height) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    rows[y * (width * 4 + 1)] = 0; // filter: none
    rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The outline of the same heart, traced along rays from its centre so the SVG matches the PNG. */
function heartPath() {
  const ox = HEART.cx;
  const oy = HEART.cy + 0.15 * HEART.s;
  const points = [];
  for (let i = 0; i < 360; i += 1) {
    const angle = (i / 360) * 2 * Math.PI;
    const dx = Math.sin(angle);
    const dy = -Math.cos(angle);
    let inside = 0;
    let outside = 3 * HEART.s;
    for (let k = 0; k < 30; k += 1) {
      const mid = (inside + outside) / 2;
      if (inHeart(ox + dx * mid, oy + dy * mid)) inside = mid;
      else outside = mid;
    }
    points.push(`${(ox + dx * inside).toFixed(1)},${(oy + dy * inside).toFixed(1)}`);
  }
  return `M${points.join('L')}Z`;
}

function svg() {
  const hex = (c) => `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">
  <title>童护 Tonghu</title>
  <defs>
    <linearGradient id="bg" gradientUnits="userSpaceOnUse" x1="0" y1="0" x2="0" y2="${SIZE}">
      <stop offset="0" stop-color="${hex(TOP)}"/>
      <stop offset="1" stop-color="${hex(BOTTOM)}"/>
    </linearGradient>
  </defs>
  <rect width="${SIZE}" height="${SIZE}" rx="${RADIUS}" fill="url(#bg)"/>
  <path fill="#fff" d="M${ROOF.map((p) => p.join(',')).join('L')}Z"/>
  <rect x="${BODY.x0}" y="${BODY.y0}" width="${BODY.x1 - BODY.x0}" height="${BODY.y1 - BODY.y0}" rx="${BODY.r}" fill="#fff"/>
  <path fill="url(#bg)" d="${heartPath()}"/>
</svg>
`;
}

const out = join(import.meta.dirname, '..', 'resources');
writeFileSync(join(out, 'icon.png'), encodePng(render(), SIZE, SIZE));
writeFileSync(join(out, 'icon.svg'), svg());
console.log('resources/icon.png, resources/icon.svg written');
