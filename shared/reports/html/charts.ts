/**
 * Inline SVG charts for report.html, written by hand (no chart library: the file must be
 * self-contained, small and deterministic).
 *
 * Every chart: role="img", a <title> (first child, referenced by aria-labelledby) and a <desc>,
 * a stable data-chart attribute, and a viewBox so that it scales to the printed column. Ids are
 * derived from data-chart, never random. Print in black and white: greys, outlines and dash
 * patterns carry the meaning, and every bar has its number written next to it.
 */
import type { UricaStage } from '../../domain/scoring';
import type { EnrollmentCounts, UrineTestStats } from '../types';
import { URICA_STAGES } from '../types';
import { escapeHtml, fmtInt, fmtNumber, fmtPercent, monthLabel, num } from './format';
import { STAGE_LABEL } from './labels';

export interface Frame {
  chart: string;
  width: number;
  height: number;
  title: string;
  desc: string;
}

export function svg(frame: Frame, body: string): string {
  const id = `chart-${frame.chart}`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" data-chart="${escapeHtml(frame.chart)}" ` +
    `viewBox="0 0 ${frame.width} ${frame.height}" width="${frame.width}" height="${frame.height}" ` +
    `role="img" aria-labelledby="${id}-title ${id}-desc">` +
    `<title id="${id}-title">${escapeHtml(frame.title)}</title>` +
    `<desc id="${id}-desc">${escapeHtml(frame.desc)}</desc>${body}</svg>`
  );
}

export function text(
  x: number,
  y: number,
  content: string,
  attrs: { anchor?: 'start' | 'middle' | 'end'; cls?: string } = {},
): string {
  const anchor = attrs.anchor && attrs.anchor !== 'start' ? ` text-anchor="${attrs.anchor}"` : '';
  const cls = attrs.cls ? ` class="${attrs.cls}"` : '';
  return `<text x="${num(x)}" y="${num(y)}"${anchor}${cls}>${escapeHtml(content)}</text>`;
}

export function line(x1: number, y1: number, x2: number, y2: number, cls: string): string {
  return `<line x1="${num(x1)}" y1="${num(y1)}" x2="${num(x2)}" y2="${num(y2)}" class="${cls}"/>`;
}

export function rect(x: number, y: number, w: number, h: number, cls: string, tooltip?: string): string {
  const body = tooltip === undefined ? '' : `<title>${escapeHtml(tooltip)}</title>`;
  const open = `<rect x="${num(x)}" y="${num(y)}" width="${num(Math.max(0, w))}" height="${num(Math.max(0, h))}" class="${cls}"`;
  return body === '' ? `${open}/>` : `${open}>${body}</rect>`;
}

/** A centred "no data" note on a white plate, so that it stays legible over axes and grid. */
function emptyNote(cx: number, cy: number, note: string): string {
  // About 6.5 px per character at the note's 12 px italic size.
  const w = note.length * 6.5 + 16;
  return (
    rect(cx - w / 2, cy - 14, w, 20, 'empty-plate') + text(cx, cy, note, { anchor: 'middle', cls: 'empty' })
  );
}

/** A "nice" axis step (1, 2 or 5 x 10^k) giving at most about `target` intervals up to max. */
export function niceStep(max: number, target = 4): number {
  if (!(max > 0)) return 1;
  const raw = max / target;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) {
    if (m * magnitude >= raw) return Math.max(1, m * magnitude);
  }
  return Math.max(1, 10 * magnitude);
}

// --- enrollment funnel ------------------------------------------------------------------------

export function funnelChart(e: EnrollmentCounts): string {
  const bars: Array<{ label: string; value: number; cls: string; share: boolean; indent: boolean }> = [
    { label: 'Kapasitas', value: e.capacity, cls: 'bar-outline', share: false, indent: false },
    { label: 'Terdaftar', value: e.enrolled, cls: 'bar-dark', share: false, indent: false },
    { label: 'Aktif', value: e.active, cls: 'bar-mid', share: true, indent: true },
    { label: 'Selesai', value: e.completed, cls: 'bar-mid', share: true, indent: true },
    { label: 'Berhenti', value: e.droppedOut, cls: 'bar-light', share: true, indent: true },
    { label: 'Dipindahkan', value: e.transferred, cls: 'bar-light', share: true, indent: true },
  ];
  const width = 640;
  const rowH = 30;
  const top = 10;
  const labelW = 130;
  const barMaxW = 380;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = top * 2 + rowH * bars.length;
  let body = '';
  bars.forEach((b, i) => {
    const y = top + i * rowH;
    const w = (b.value / max) * barMaxW;
    const shareText =
      b.share && e.enrolled > 0 ? ` (${fmtPercent(b.value / e.enrolled)} dari terdaftar)` : '';
    body += text(b.indent ? 24 : 8, y + 19, b.label, { cls: b.indent ? 'label' : 'label strong' });
    body += rect(labelW, y + 4, w, rowH - 10, b.cls, `${b.label}: ${fmtInt(b.value)}`);
    body += text(labelW + w + 8, y + 19, `${fmtInt(b.value)}${shareText}`, { cls: 'value' });
  });
  body += line(labelW, top, labelW, height - top, 'axis');
  return svg(
    {
      chart: 'funnel',
      width,
      height,
      title: 'Alur pendaftaran: kapasitas, terdaftar dan status klien',
      desc:
        `Kapasitas ${fmtInt(e.capacity)}, terdaftar ${fmtInt(e.enrolled)}, aktif ${fmtInt(e.active)}, ` +
        `selesai ${fmtInt(e.completed)}, berhenti ${fmtInt(e.droppedOut)}, dipindahkan ${fmtInt(e.transferred)}.`,
    },
    body,
  );
}

// --- pre/post slope chart ---------------------------------------------------------------------

export interface SlopePoint {
  /** Pseudonym (shown only in the line's tooltip title). */
  label: string;
  pre: number;
  post: number;
}

export interface SlopeChartSpec {
  chart: string;
  title: string;
  /** Axis range and ticks (scale units). */
  min: number;
  max: number;
  ticks: number[];
  /** Dotted reference lines (e.g. URICA stage cut-offs), with a short label. */
  references?: Array<{ value: number; label: string }>;
  points: SlopePoint[];
  meanPre: number | null;
  meanPost: number | null;
  decimals: number;
  unit: string;
}

/**
 * Above this many clients a slope chart draws an evenly spaced systematic sample (every k-th
 * client in pseudonym order): thousands of lines print like a grey block and make the file
 * megabytes large (10,000 clients: ~5 MB of HTML). The mean line always uses everyone.
 */
export const MAX_CLIENT_LINES = 400;

export function slopeChart(spec: SlopeChartSpec): string {
  const width = 320;
  const height = 270;
  const top = 16;
  const bottom = 46;
  const xPre = 96;
  const xPost = 236;
  const yOf = (v: number): number => {
    const clamped = Math.min(spec.max, Math.max(spec.min, v));
    return top + ((spec.max - clamped) / (spec.max - spec.min)) * (height - top - bottom);
  };
  let body = '';
  for (const t of spec.ticks) {
    body += line(52, yOf(t), 280, yOf(t), 'grid');
    body += text(46, yOf(t) + 4, fmtNumber(t, 0), { anchor: 'end', cls: 'tick' });
  }
  for (const ref of spec.references ?? []) {
    body += line(52, yOf(ref.value), 280, yOf(ref.value), 'reference');
    body += text(282, yOf(ref.value) + 3, ref.label, { cls: 'tick' });
  }
  body += line(xPre, top - 4, xPre, height - bottom, 'axis');
  body += line(xPost, top - 4, xPost, height - bottom, 'axis');
  body += text(xPre, height - bottom + 16, 'Pra', { anchor: 'middle', cls: 'label strong' });
  body += text(xPost, height - bottom + 16, 'Pasca', { anchor: 'middle', cls: 'label strong' });
  const step = Math.ceil(spec.points.length / MAX_CLIENT_LINES);
  const drawn = step > 1 ? spec.points.filter((_p, i) => i % step === 0) : spec.points;
  const caption =
    step > 1
      ? `n = ${fmtInt(spec.points.length)} klien; garis: sampel ${fmtInt(drawn.length)} klien`
      : `n = ${fmtInt(spec.points.length)} klien dengan data pra dan pasca`;
  body += text(width / 2, height - 8, caption, { anchor: 'middle', cls: 'tick' });

  let clients = '';
  for (const p of drawn) {
    const cls = p.post < p.pre ? 'client down' : 'client';
    const tip = `${p.label}: ${fmtNumber(p.pre, spec.decimals)} → ${fmtNumber(p.post, spec.decimals)}`;
    clients +=
      `<line x1="${xPre}" y1="${num(yOf(p.pre))}" x2="${xPost}" y2="${num(yOf(p.post))}" class="${cls}">` +
      `<title>${escapeHtml(tip)}</title></line>`;
  }
  body += `<g class="clients">${clients}</g>`;

  if (spec.meanPre !== null && spec.meanPost !== null) {
    const y1 = yOf(spec.meanPre);
    const y2 = yOf(spec.meanPost);
    body +=
      `<g class="mean">` +
      line(xPre, y1, xPost, y2, 'mean-line') +
      `<circle cx="${xPre}" cy="${num(y1)}" r="4.5" class="mean-dot"/>` +
      `<circle cx="${xPost}" cy="${num(y2)}" r="4.5" class="mean-dot"/>` +
      text(xPre - 8, y1 + 4, fmtNumber(spec.meanPre, spec.decimals), { anchor: 'end', cls: 'value strong' }) +
      text(xPost + 8, y2 + 4, fmtNumber(spec.meanPost, spec.decimals), { cls: 'value strong' }) +
      `</g>`;
  }
  if (spec.points.length === 0) {
    body += emptyNote(width / 2, (top + height - bottom) / 2, 'Belum ada data pra dan pasca');
  }
  const meanText =
    spec.meanPre !== null && spec.meanPost !== null
      ? ` Rerata pra ${fmtNumber(spec.meanPre, spec.decimals)}, rerata pasca ${fmtNumber(spec.meanPost, spec.decimals)}.`
      : '';
  return svg(
    {
      chart: spec.chart,
      width,
      height,
      title: spec.title,
      desc:
        `Satu garis abu-abu per klien dari skor pra ke skor pasca (${spec.unit}); garis putus-putus: skor turun; ` +
        `garis hitam tebal: rerata.${meanText}`,
    },
    body,
  );
}

// --- urine tests by month ---------------------------------------------------------------------

/** `partial`: months covered only in part (marked ° under the bar, like the table). */
export function urineByMonthChart(
  byMonth: UrineTestStats['byMonth'],
  partial: ReadonlySet<string> = new Set(),
): string {
  const width = 640;
  const height = 230;
  const left = 44;
  const right = 12;
  const top = 22;
  const bottom = 44;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const maxValue = Math.max(0, ...byMonth.map((m) => m.tests));
  const step = niceStep(maxValue);
  const axisMax = Math.max(step, Math.ceil(maxValue / step) * step);
  const yOf = (v: number): number => top + plotH - (v / axisMax) * plotH;
  let body = '';
  for (let t = 0; t <= axisMax; t += step) {
    body += line(left, yOf(t), width - right, yOf(t), t === 0 ? 'axis' : 'grid');
    body += text(left - 6, yOf(t) + 4, fmtInt(t), { anchor: 'end', cls: 'tick' });
  }
  const groupW = byMonth.length > 0 ? plotW / byMonth.length : plotW;
  const barW = Math.min(26, (groupW - 12) / 2);
  byMonth.forEach((m, i) => {
    const cx = left + groupW * i + groupW / 2;
    const [mon, year] = monthLabel(m.month);
    body += rect(
      cx - barW - 1,
      yOf(m.tests),
      barW,
      yOf(0) - yOf(m.tests),
      'bar-outline',
      `${m.month}: ${m.tests} tes`,
    );
    body += rect(
      cx + 1,
      yOf(m.positiveTests),
      barW,
      yOf(0) - yOf(m.positiveTests),
      'bar-dark',
      `${m.month}: ${m.positiveTests} positif`,
    );
    body += text(cx - barW / 2 - 1, yOf(m.tests) - 4, fmtInt(m.tests), { anchor: 'middle', cls: 'value' });
    body += text(cx + barW / 2 + 1, yOf(m.positiveTests) - 4, fmtInt(m.positiveTests), {
      anchor: 'middle',
      cls: 'value',
    });
    body += text(cx, height - bottom + 15, partial.has(m.month) ? `${mon} °` : mon, {
      anchor: 'middle',
      cls: 'label',
    });
    if (year !== '') body += text(cx, height - bottom + 28, year, { anchor: 'middle', cls: 'tick' });
  });
  if (byMonth.length === 0) {
    body += emptyNote(width / 2, top + plotH / 2, 'Belum ada tes urine');
  }
  // Legend, top right.
  body += rect(width - 250, 4, 12, 10, 'bar-outline');
  body += text(width - 233, 13, 'Jumlah tes', { cls: 'tick' });
  body += rect(width - 150, 4, 12, 10, 'bar-dark');
  body += text(width - 133, 13, 'Tes positif', { cls: 'tick' });
  const total = byMonth.reduce((s, m) => s + m.tests, 0);
  const positives = byMonth.reduce((s, m) => s + m.positiveTests, 0);
  return svg(
    {
      chart: 'urine-by-month',
      width,
      height,
      title: 'Tes urine per bulan: jumlah tes dan tes positif',
      desc: `${fmtInt(total)} tes dalam ${fmtInt(byMonth.length)} bulan, ${fmtInt(positives)} positif.`,
    },
    body,
  );
}

// --- URICA stage transitions ------------------------------------------------------------------

/**
 * Flows from the pre stage (left) to the post stage (right), band widths proportional to the
 * number of clients. Darker: moved up a stage; grey: same stage; light and dashed: moved down.
 */
export function uricaTransitionsChart(transitions: Record<UricaStage, Record<UricaStage, number>>): string {
  const width = 640;
  const height = 250;
  const top = 24;
  const bottom = 16;
  const gap = 14;
  const nodeW = 16;
  const xLeft = 170;
  const xRight = 454;
  const stages = URICA_STAGES;
  const count = (from: UricaStage, to: UricaStage): number => transitions[from]?.[to] ?? 0;
  const preTotals = stages.map((s) => stages.reduce((sum, t) => sum + count(s, t), 0));
  const postTotals = stages.map((t) => stages.reduce((sum, s) => sum + count(s, t), 0));
  const total = preTotals.reduce((a, b) => a + b, 0);
  const usable = height - top - bottom - gap * (stages.length - 1);
  // Stages with no client still get a thin node, so the three stages are always visible.
  const minNode = 3;
  const scale = total > 0 ? (usable - minNode * stages.length) / total : 0;
  const nodeH = (n: number): number => minNode + n * scale;

  let body = '';
  body += text(xLeft + nodeW / 2, 14, 'Pra', { anchor: 'middle', cls: 'label strong' });
  body += text(xRight + nodeW / 2, 14, 'Pasca', { anchor: 'middle', cls: 'label strong' });

  // Without any client the thin nodes are spread over the height instead of bunched at the top.
  const nodeGap = total > 0 ? gap : (height - top - bottom - minNode * stages.length) / (stages.length - 1);
  const leftY: number[] = [];
  const rightY: number[] = [];
  let yl = top;
  let yr = top;
  stages.forEach((s, i) => {
    leftY.push(yl);
    rightY.push(yr);
    const hl = nodeH(preTotals[i] ?? 0);
    const hr = nodeH(postTotals[i] ?? 0);
    body += rect(xLeft, yl, nodeW, hl, 'node', `Pra, ${STAGE_LABEL[s]}: ${preTotals[i]} klien`);
    body += rect(xRight, yr, nodeW, hr, 'node', `Pasca, ${STAGE_LABEL[s]}: ${postTotals[i]} klien`);
    body += text(xLeft - 8, yl + hl / 2 + 4, `${STAGE_LABEL[s]} (${fmtInt(preTotals[i])})`, {
      anchor: 'end',
      cls: 'label',
    });
    body += text(xRight + nodeW + 8, yr + hr / 2 + 4, `${STAGE_LABEL[s]} (${fmtInt(postTotals[i])})`, {
      cls: 'label',
    });
    yl += hl + nodeGap;
    yr += hr + nodeGap;
  });

  // Bands: out of each pre node in post order, into each post node in pre order.
  const outOffset = stages.map(() => minNode / 2);
  const inOffset = stages.map(() => minNode / 2);
  let bands = '';
  let labels = '';
  stages.forEach((from, i) => {
    stages.forEach((to, j) => {
      const n = count(from, to);
      if (n <= 0) return;
      const h = n * scale;
      const y0 = (leftY[i] ?? 0) + (outOffset[i] ?? 0);
      const y1 = (rightY[j] ?? 0) + (inOffset[j] ?? 0);
      outOffset[i] = (outOffset[i] ?? 0) + h;
      inOffset[j] = (inOffset[j] ?? 0) + h;
      const x0 = xLeft + nodeW;
      const x1 = xRight;
      const xm = (x0 + x1) / 2;
      const cls = j > i ? 'flow up' : j === i ? 'flow same' : 'flow down';
      const d =
        `M${num(x0)},${num(y0)} C${num(xm)},${num(y0)} ${num(xm)},${num(y1)} ${num(x1)},${num(y1)} ` +
        `L${num(x1)},${num(y1 + h)} C${num(xm)},${num(y1 + h)} ${num(xm)},${num(y0 + h)} ${num(x0)},${num(y0 + h)} Z`;
      bands += `<path d="${d}" class="${cls}"><title>${escapeHtml(
        `${STAGE_LABEL[from]} → ${STAGE_LABEL[to]}: ${n} klien`,
      )}</title></path>`;
      if (h >= 11) {
        const on = j > i ? 'flow-label on-dark' : 'flow-label';
        labels += text(x0 + 14, y0 + h / 2 + 4, fmtInt(n), { anchor: 'middle', cls: on });
      }
    });
  });
  body = bands + body + labels;
  if (total === 0) {
    body += emptyNote(
      (xLeft + nodeW + xRight) / 2,
      (top + height - bottom) / 2 + 4,
      'Belum ada data pra dan pasca',
    );
  }
  const up = stages.reduce(
    (s, from, i) => s + stages.reduce((t, to, j) => t + (j > i ? count(from, to) : 0), 0),
    0,
  );
  const down = stages.reduce(
    (s, from, i) => s + stages.reduce((t, to, j) => t + (j < i ? count(from, to) : 0), 0),
    0,
  );
  return svg(
    {
      chart: 'urica-transitions',
      width,
      height,
      title: 'Perpindahan tahap perubahan URICA dari pra ke pasca',
      desc: `${fmtInt(total)} klien dengan tahap pra dan pasca: ${fmtInt(up)} naik tahap, ${fmtInt(
        total - up - down,
      )} tetap, ${fmtInt(down)} turun tahap.`,
    },
    body,
  );
}
