import type { Lesson } from '../engine/lesson/types';

/** Lesson 4: bedtime or morning — how much of the blockade falls in the sleep window, and the dream/insomnia advice. */
export const bedtimeMorning: Lesson = {
  id: 'bedtime-morning',
  minutes: 12,
  title: { en: 'Bedtime or morning', es: 'Al acostarse o por la mañana' },
  summary: {
    en: 'How much of the blockade falls in the night (23:00–07:00) when the same dose is taken at bedtime or in the morning.',
    es: 'Cuánto del bloqueo cae en la noche (23:00–07:00) cuando la misma dosis se toma al acostarse o por la mañana.',
  },
  formats: {
    nightBed: 'hours', peakBed: 'clock', areaBed: 'number', nightMorn: 'hours', peakMorn: 'clock', share: 'percent', dayMorn: 'hours',
  },
  steps: [
    {
      id: 'bedtime',
      title: { en: 'At bedtime', es: 'Al acostarse' },
      scenario: { doseMg: 4.5, clock: '22:00', days: 1 },
      charts: ['blockade'],
      values: {
        nightBed: 'hours_above_in(mu_blockade, 0.25, 23, 7)',
        peakBed: 'clockpeak(mu_blockade)',
        areaBed: 'auc_in(mu_blockade, 23, 7)',
      },
      prompt: {
        en: 'LDN is usually taken at bedtime. Take the night to be 23:00–07:00 (the shaded band on the charts).',
        es: 'La LDN suele tomarse al acostarse. Considere que la noche va de 23:00 a 07:00 (la banda sombreada de las gráficas).',
      },
      question: {
        kind: 'number',
        prompt: {
          en: 'After 4.5 mg at 22:00, for how many of the 8 hours of the night will more than 25% of mu receptors be blocked?',
          es: 'Tras 4,5 mg a las 22:00, ¿durante cuántas de las 8 horas de la noche estarán bloqueados más del 25 % de los receptores mu?',
        },
        answer: 'nightBed', format: 'hours', tolerance: 1.5, min: 0, max: 8, step: 0.5,
      },
      explain: {
        en: 'The blockade peaks at {peakBed}, in the night, and more than 25% of mu receptors are blocked for {nightBed} of the 8 hours of sleep.',
        es: 'El bloqueo alcanza su máximo a las {peakBed}, en plena noche, y más del 25 % de los receptores mu están bloqueados durante {nightBed} de las 8 horas de sueño.',
      },
    },
    {
      id: 'morning',
      title: { en: 'In the morning', es: 'Por la mañana' },
      scenario: { clock: '08:00' },
      charts: ['blockade'],
      values: {
        nightMorn: 'hours_above_in(mu_blockade, 0.25, 23, 7)',
        peakMorn: 'clockpeak(mu_blockade)',
        share: 'auc_in(mu_blockade, 23, 7) / areaBed',
        dayMorn: 'hours_above_in(mu_blockade, 0.25, 7, 23)',
      },
      prompt: {
        en: 'The same 4.5 mg is now taken at 08:00, and the run covers the 24 hours after it, including the next night.',
        es: 'Ahora los mismos 4,5 mg se toman a las 08:00, y la simulación abarca las 24 horas siguientes, incluida la noche.',
      },
      question: {
        kind: 'choice',
        prompt: { en: 'Compared with the bedtime dose, how much blockade falls in the night?', es: 'Comparado con la dosis al acostarse, ¿cuánto bloqueo cae en la noche?' },
        choices: [
          { id: 'less', text: { en: 'Less (under 90% of it)', es: 'Menos (por debajo del 90 %)' }, when: 'lt(auc_in(mu_blockade, 23, 7), 0.9 * areaBed)' },
          { id: 'same', text: { en: 'About the same (90–110%)', es: 'Más o menos lo mismo (90–110 %)' }, when: 'between(auc_in(mu_blockade, 23, 7), 0.9 * areaBed, 1.1 * areaBed)' },
          { id: 'more', text: { en: 'More (over 110%)', es: 'Más (por encima del 110 %)' }, when: 'gt(auc_in(mu_blockade, 23, 7), 1.1 * areaBed)' },
        ],
      },
      explain: {
        en: 'Taken at 08:00, the blockade peaks at {peakMorn}, in the day; more than 25% is blocked for {nightMorn} of the night (bedtime dose: {nightBed}), and the night-time blockade is {share} of the bedtime one. Vivid dreams and insomnia are reported with LDN, and taking it in the morning is the usual advice when they trouble someone. The model shows only where the blockade falls in the day; it does not model sleep or dreams, and whether timing changes any benefit is not known.',
        es: 'Tomada a las 08:00, el bloqueo alcanza su máximo a las {peakMorn}, de día; más del 25 % está bloqueado durante {nightMorn} de la noche (dosis al acostarse: {nightBed}), y el bloqueo nocturno es el {share} del de la dosis al acostarse. Con la LDN se describen sueños vívidos e insomnio, y tomarla por la mañana es el consejo habitual cuando molestan. El modelo solo muestra en qué parte del día cae el bloqueo; no modela el sueño ni los sueños, y no se sabe si el horario cambia algún beneficio.',
      },
    },
    {
      id: 'week',
      title: { en: 'A week of morning doses', es: 'Una semana de dosis por la mañana' },
      scenario: { days: 7 },
      charts: ['blockade', 'adaptation'],
      values: { nightWeek: 'hours_above_in(mu_blockade, 0.25, 23, 7) / 7' },
      prompt: {
        en: 'Daily doses add up: the metabolite and the slow part of the blockade carry over from one day to the next.',
        es: 'Las dosis diarias se suman: el metabolito y la parte lenta del bloqueo pasan de un día al siguiente.',
      },
      explain: {
        en: 'Over a week of morning doses, more than 25% of mu receptors are blocked for {nightWeek:hours} of each night on average, against {nightMorn} after the first dose. Discuss: if the effect of LDN depended on the night-time blockade, what would you expect from morning dosing?',
        es: 'A lo largo de una semana de dosis por la mañana, más del 25 % de los receptores mu están bloqueados {nightWeek:hours} de cada noche de media, frente a {nightMorn} tras la primera dosis. Discutan: si el efecto de la LDN dependiera del bloqueo nocturno, ¿qué esperarían de la dosis por la mañana?',
      },
    },
  ],
};
