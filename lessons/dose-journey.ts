import type { Lesson } from '../engine/lesson/types';

/** Lesson 1: what happens to a dose — absorption, peak, half-life, and 6β-naltrexol, the metabolite that outlasts its parent. */
export const doseJourney: Lesson = {
  id: 'dose-journey',
  minutes: 15,
  title: { en: 'What happens to a dose', es: 'Qué le pasa a una dosis' },
  summary: {
    en: 'Absorption, peak and half-life of naltrexone, and 6β-naltrexol, the metabolite that outlasts its parent.',
    es: 'Absorción, máximo y semivida de la naltrexona, y el 6β-naltrexol, el metabolito que dura más que su fármaco de origen.',
  },
  formats: {
    cmax: 'ngml', tmax: 'hours', clockmax: 'clock', thalf: 'hours', chalf: 'ngml', five: 'hours', nolmax: 'ngml', peakratio: 'fold',
    aucratio: 'fold', nolthalf: 'hours', nolleft: 'percent', nleft: 'percent', nolmax3: 'ngml',
  },
  steps: [
    {
      id: 'absorption',
      title: { en: 'Swallowed at bedtime', es: 'Tragada al acostarse' },
      scenario: { doseMg: 4.5, clock: '22:00', days: 1 },
      charts: ['plasma'],
      values: {
        cmax: 'peak(naltrexone_plasma_ng_per_ml)',
        tmax: 'tpeak(naltrexone_plasma_ng_per_ml)',
        clockmax: 'clockpeak(naltrexone_plasma_ng_per_ml)',
      },
      prompt: {
        en: 'A 4.5 mg naltrexone capsule is swallowed at 22:00. It dissolves in the stomach and is absorbed through the gut wall into the blood.',
        es: 'Se traga una cápsula de 4,5 mg de naltrexona a las 22:00. Se disuelve en el estómago y se absorbe a través de la pared intestinal hacia la sangre.',
      },
      question: {
        kind: 'number',
        prompt: { en: 'How many hours after the dose will plasma naltrexone be highest?', es: '¿Cuántas horas después de la dosis estará más alta la naltrexona en plasma?' },
        answer: 'tmax', format: 'hours', tolerance: 1, min: 0, max: 24, step: 0.5,
      },
      explain: {
        en: 'Plasma naltrexone peaks at {cmax} about {tmax} after the dose, at {clockmax}. Absorption is fast, so the curve rises steeply; from then on, elimination outpaces what is left to absorb.',
        es: 'La naltrexona en plasma alcanza su máximo, {cmax}, unas {tmax} después de la dosis, a las {clockmax}. La absorción es rápida, así que la curva sube con fuerza; a partir de ahí la eliminación supera a lo que queda por absorber.',
      },
    },
    {
      id: 'half-life',
      title: { en: 'Half-life', es: 'Semivida' },
      scenario: {},
      charts: ['plasma'],
      values: {
        thalf: 'thalf(naltrexone_plasma_ng_per_ml)',
        chalf: 'at(naltrexone_plasma_ng_per_ml, tmax + thalf(naltrexone_plasma_ng_per_ml))',
        five: '5 * thalf(naltrexone_plasma_ng_per_ml)',
      },
      prompt: {
        en: 'After the peak the level falls. The half-life is the time it takes to fall by half.',
        es: 'Después del máximo, el nivel baja. La semivida es el tiempo que tarda en reducirse a la mitad.',
      },
      question: {
        kind: 'choice',
        prompt: { en: 'What is the half-life of naltrexone in the plasma?', es: '¿Cuál es la semivida de la naltrexona en el plasma?' },
        choices: [
          { id: 'minutes', text: { en: 'Under an hour', es: 'Menos de una hora' }, when: 'lt(thalf(naltrexone_plasma_ng_per_ml), 1)' },
          { id: 'hours', text: { en: 'A few hours (1–8 h)', es: 'Unas pocas horas (1–8 h)' }, when: 'between(thalf(naltrexone_plasma_ng_per_ml), 1, 8)' },
          { id: 'day', text: { en: 'About a day or more', es: 'Un día o más' }, when: 'gt(thalf(naltrexone_plasma_ng_per_ml), 8)' },
        ],
      },
      explain: {
        en: 'In the model the half-life is {thalf} (the published value is about 4 h, Meyer 1984). One half-life after the peak the level is {chalf}, half of {cmax}. After five half-lives ({five}) about 3% is left.',
        es: 'En el modelo la semivida es {thalf} (el valor publicado es de unas 4 h, Meyer 1984). Una semivida después del máximo el nivel es {chalf}, la mitad de {cmax}. Tras cinco semividas ({five}) queda alrededor de un 3 %.',
      },
    },
    {
      id: 'metabolite',
      title: { en: 'The metabolite', es: 'El metabolito' },
      scenario: {},
      charts: ['plasma'],
      values: {
        nolmax: 'peak(naltrexol_plasma_ng_per_ml)',
        peakratio: 'peak(naltrexol_plasma_ng_per_ml) / cmax',
        aucratio: 'auc(naltrexol_plasma_ng_per_ml) / auc(naltrexone_plasma_ng_per_ml)',
        nolthalf: 'thalf(naltrexol_plasma_ng_per_ml)',
      },
      prompt: {
        en: 'On its first pass through the gut wall and the liver, most naltrexone is converted to 6β-naltrexol before it reaches the rest of the body.',
        es: 'En su primer paso por la pared intestinal y el hígado, la mayor parte de la naltrexona se transforma en 6β-naltrexol antes de llegar al resto del cuerpo.',
      },
      question: {
        kind: 'choice',
        prompt: { en: 'Compared with naltrexone, how high does 6β-naltrexol rise in the plasma?', es: 'Comparado con la naltrexona, ¿cuánto sube el 6β-naltrexol en el plasma?' },
        choices: [
          { id: 'lower', text: { en: 'Lower than naltrexone', es: 'Menos que la naltrexona' }, when: 'lt(peak(naltrexol_plasma_ng_per_ml), cmax)' },
          { id: 'higher', text: { en: 'Higher than naltrexone', es: 'Más que la naltrexona' }, when: 'gt(peak(naltrexol_plasma_ng_per_ml), cmax)' },
        ],
      },
      explain: {
        en: '6β-naltrexol peaks at {nolmax}, {peakratio} the peak of naltrexone, and over the day its exposure (the area under the curve) is {aucratio} that of naltrexone. Its half-life in the model is {nolthalf}: it outlasts its parent. It binds mu receptors less tightly and enters the brain poorly, so it adds only part of the blockade.',
        es: 'El 6β-naltrexol alcanza {nolmax}, {peakratio} el máximo de la naltrexona, y a lo largo del día su exposición (el área bajo la curva) es {aucratio} la de la naltrexona. Su semivida en el modelo es {nolthalf}: dura más que su fármaco de origen. Se une con menos fuerza a los receptores mu y entra mal en el cerebro, así que solo aporta una parte del bloqueo.',
      },
    },
    {
      id: 'next-dose',
      title: { en: 'The next dose', es: 'La dosis siguiente' },
      scenario: { days: 3 },
      charts: ['plasma'],
      values: {
        nolleft: 'at(naltrexol_plasma_ng_per_ml, 23.9) / nolmax',
        nleft: 'at(naltrexone_plasma_ng_per_ml, 23.9) / cmax',
        nolmax3: 'peak(naltrexol_plasma_ng_per_ml)',
      },
      prompt: {
        en: 'Now the capsule is taken every night for three nights.',
        es: 'Ahora la cápsula se toma cada noche durante tres noches.',
      },
      question: {
        kind: 'number',
        prompt: {
          en: 'Just before the second dose, 24 h later, what percentage of its first peak of 6β-naltrexol is still in the plasma?',
          es: 'Justo antes de la segunda dosis, 24 h después, ¿qué porcentaje de su primer máximo de 6β-naltrexol sigue en el plasma?',
        },
        answer: 'nolleft', format: 'percent', tolerance: 12, min: 0, max: 100, step: 1,
      },
      explain: {
        en: 'When the next dose is taken, {nolleft} of the first peak of 6β-naltrexol is still there, against {nleft} for naltrexone. So the metabolite builds up from day to day: its highest level over three days is {nolmax3}.',
        es: 'Cuando se toma la dosis siguiente, sigue ahí el {nolleft} del primer máximo de 6β-naltrexol, frente al {nleft} de la naltrexona. Por eso el metabolito se acumula de un día a otro: su nivel más alto en tres días es {nolmax3}.',
      },
    },
  ],
};
