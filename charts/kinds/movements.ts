// MRR movements per month: new, reactivation and expansion stacked up; contraction and churn stacked down;
// net new MRR as a line.
import type { ChartDataset } from 'chart.js';
import { categoryAxis, emptyPlan, headerOptions, LAYOUT, suggestedMax, valueAxis } from '../base.ts';
import type { ChartPlan } from '../base.ts';
import {
  formatMajorCompact,
  formatMoney,
  formatMoneyShort,
  formatSignedMoney,
  formatSignedMoneyShort,
  toMajor,
} from '../../core/format/index.ts';
import { formatMonth, formatMonthShort } from '../format.ts';
import { byDate } from '../series.ts';
import { palette } from '../theme.ts';
import type { MovementMonth, MovementsChartData, Theme } from '../types.ts';

const MAX_MONTHS = 24;

export function netNew(m: MovementMonth): number {
  return m.new + m.reactivation + m.expansion - m.contraction - m.churn;
}

export function movementsChart(data: MovementsChartData, theme: Theme = 'dark'): ChartPlan {
  const p = palette(theme);
  const months = byDate(data.months, (m) => m.month).slice(-MAX_MONTHS);
  const last = months[months.length - 1];
  if (!last) return emptyPlan(p, 'MRR movements', 'Movements appear after the first full month of payments.');
  const cur = data.currency;
  const money = (m: number) => formatMoney(m, cur);
  const major = (m: number) => toMajor(m, cur);
  const bar = (
    label: string,
    color: string,
    sign: 1 | -1,
    pick: (m: MovementMonth) => number,
  ): ChartDataset<'bar', number[]> => ({
    type: 'bar',
    label,
    stack: 'movements',
    order: 1,
    backgroundColor: color,
    borderColor: p.card,
    borderWidth: 0,
    borderRadius: 2,
    barPercentage: 0.72,
    categoryPercentage: 0.85,
    data: months.map((m) => sign * major(pick(m))),
  });
  const net = months.map(netNew);
  const datasets = [
    bar('New', p.new, 1, (m) => m.new),
    bar('Reactivation', p.reactivation, 1, (m) => m.reactivation),
    bar('Expansion', p.expansion, 1, (m) => m.expansion),
    bar('Contraction', p.contraction, -1, (m) => m.contraction),
    bar('Churn', p.churn, -1, (m) => m.churn),
    {
      type: 'line' as const,
      label: 'Net new MRR',
      stack: 'net',
      order: 0,
      data: net.map(major),
      borderColor: p.net,
      backgroundColor: p.net,
      borderWidth: 2,
      pointRadius: 3,
      pointBackgroundColor: p.net,
      pointBorderColor: p.card,
      pointBorderWidth: 1.5,
    },
  ];
  const lastNet = netNew(last);
  const parts =
    `new ${money(last.new)}, reactivation ${money(last.reactivation)}, expansion ${money(last.expansion)}, ` +
    `contraction ${money(last.contraction)}, churn ${money(last.churn)}`;
  const total = net.reduce((a, b) => a + b, 0);
  const over = months.length > 1 ? `${formatSignedMoney(total, cur)} over ${months.length} months` : '';
  const short = (m: number) => formatMoneyShort(m, cur);
  const subtitle = [
    `Net new MRR ${formatSignedMoneyShort(lastNet, cur)} in ${formatMonth(last.month)}`,
    `new ${short(last.new)}`,
    `churn ${short(last.churn)}`,
    months.length > 1 ? `${formatSignedMoneyShort(total, cur)} over ${months.length} months` : '',
  ];
  const values = months.flatMap((m) => [m.new, m.churn]);
  return {
    alt: `Net new MRR ${formatSignedMoney(lastNet, cur)} in ${formatMonth(last.month, true)}: ${parts}${over ? `; ${over}` : ''}`,
    config: {
      type: 'bar',
      data: {
        labels: months.map((m) => formatMonthShort(m.month)),
        datasets: datasets as ChartDataset<'bar', number[]>[],
      },
      options: {
        layout: LAYOUT,
        plugins: headerOptions(p, {
          title: 'MRR movements',
          subtitle: subtitle.filter(Boolean).join(' · '),
          legend: true,
        }),
        scales: {
          x: { ...categoryAxis(p, 12), stacked: true },
          y: {
            ...valueAxis(p, (v) => formatMajorCompact(v, cur), { suggestedMax: suggestedMax(values, 100) }),
            stacked: true,
          },
        },
      },
    },
  };
}
