import type { Lesson } from '../engine/lesson/types';

/** Lesson 6: liver disease — the same dose, a different exposure, and why. */
export const liver: Lesson = {
  id: 'liver',
  minutes: 12,
  title: { en: 'Liver disease', es: 'Enfermedad hepática' },
  summary: {
    en: 'The same 4.5 mg dose in a healthy liver and in cirrhosis: a different exposure, and why.',
    es: 'La misma dosis de 4,5 mg con un hígado sano y con cirrosis: una exposición distinta, y por qué.',
  },
  formats: {
    cH: 'ngml', aucH: 'number', thH: 'hours', bH: 'percent', nolH: 'number',
    foldC: 'fold', thC: 'hours', bC: 'percent', nolC: 'percent',
    foldD: 'fold', bD: 'percent', h50D: 'hours', h50H: 'hours',
  },
  steps: [
    {
      id: 'healthy',
      title: { en: 'A healthy liver', es: 'Un hígado sano' },
      scenario: { doseMg: 4.5, clock: '22:00', days: 1, presets: { hepatic: 'none' } },
      charts: ['plasma', 'blockade'],
      values: {
        cH: 'peak(naltrexone_plasma_ng_per_ml)', aucH: 'auc(naltrexone_plasma_ng_per_ml)', thH: 'thalf(naltrexone_plasma_ng_per_ml)',
        bH: 'peak(mu_blockade)', nolH: 'auc(naltrexol_plasma_ng_per_ml)', h50H: 'hours_above(mu_blockade, 0.5)',
      },
      prompt: {
        en: 'Start with 4.5 mg at bedtime in a person with a healthy liver. Remember from lesson 1: most naltrexone is converted to 6β-naltrexol on its first pass through the gut wall and the liver.',
        es: 'Empiece con 4,5 mg al acostarse en una persona con el hígado sano. Recuerde la lección 1: la mayor parte de la naltrexona se transforma en 6β-naltrexol en su primer paso por la pared intestinal y el hígado.',
      },
      explain: {
        en: 'Healthy liver: plasma naltrexone peaks at {cH}, with a half-life of {thH}; the mu blockade peaks at {bH}.',
        es: 'Hígado sano: la naltrexona en plasma alcanza {cH}, con una semivida de {thH}; el bloqueo mu llega al {bH}.',
      },
    },
    {
      id: 'compensated',
      title: { en: 'Compensated cirrhosis', es: 'Cirrosis compensada' },
      scenario: { presets: { hepatic: 'compensated-cirrhosis' } },
      charts: ['plasma', 'blockade'],
      values: {
        foldC: 'auc(naltrexone_plasma_ng_per_ml) / aucH', thC: 'thalf(naltrexone_plasma_ng_per_ml)', bC: 'peak(mu_blockade)',
        nolC: 'auc(naltrexol_plasma_ng_per_ml) / nolH',
      },
      prompt: {
        en: 'In cirrhosis, scarring and blood flowing around the liver mean that less naltrexone is converted on its first pass.',
        es: 'En la cirrosis, la fibrosis y la sangre que rodea el hígado hacen que se transforme menos naltrexona en su primer paso.',
      },
      question: {
        kind: 'number',
        prompt: {
          en: 'How many times the healthy exposure to naltrexone (area under the curve) will the same dose give?',
          es: '¿Cuántas veces la exposición sana a la naltrexona (área bajo la curva) dará la misma dosis?',
        },
        answer: 'foldC', format: 'fold', tolerance: 1.5, min: 1, max: 20, step: 0.5,
      },
      explain: {
        en: 'Exposure to naltrexone is {foldC} the healthy one (the product information gives about 5-fold, Bertolotti 1997), yet the half-life is unchanged ({thC} vs {thH}): more drug gets through, but it is cleared at the same pace. The metabolite\'s exposure is {nolC} of the healthy one. Peak mu blockade rises from {bH} to {bC}.',
        es: 'La exposición a la naltrexona es {foldC} la sana (la ficha técnica da unas 5 veces, Bertolotti 1997), pero la semivida no cambia ({thC} frente a {thH}): pasa más fármaco, pero se elimina al mismo ritmo. La exposición al metabolito es el {nolC} de la sana. El bloqueo mu máximo sube del {bH} al {bC}.',
      },
    },
    {
      id: 'decompensated',
      title: { en: 'Decompensated cirrhosis', es: 'Cirrosis descompensada' },
      scenario: { presets: { hepatic: 'decompensated-cirrhosis' } },
      charts: ['plasma', 'blockade'],
      values: { foldD: 'auc(naltrexone_plasma_ng_per_ml) / aucH', bD: 'peak(mu_blockade)', h50D: 'hours_above(mu_blockade, 0.5)' },
      prompt: {
        en: 'In decompensated cirrhosis the liver fails to keep up with the body\'s needs.',
        es: 'En la cirrosis descompensada el hígado no da abasto con lo que necesita el cuerpo.',
      },
      question: {
        kind: 'choice',
        prompt: { en: 'How many hours of the day will more than half of mu receptors be blocked, compared with a healthy liver?', es: '¿Cuántas horas del día estarán bloqueados más de la mitad de los receptores mu, comparado con un hígado sano?' },
        choices: [
          { id: 'same', text: { en: 'About the same (within 2 h)', es: 'Más o menos las mismas (2 h de diferencia como mucho)' }, when: 'lt(abs(hours_above(mu_blockade, 0.5) - h50H), 2)' },
          { id: 'more', text: { en: 'At least 2 h more', es: 'Al menos 2 h más' }, when: '1 - lt(hours_above(mu_blockade, 0.5) - h50H, 2)' },
          { id: 'fewer', text: { en: 'At least 2 h fewer', es: 'Al menos 2 h menos' }, when: '1 - lt(h50H - hours_above(mu_blockade, 0.5), 2)' },
        ],
      },
      explain: {
        en: 'Exposure is now {foldD} the healthy one and the peak blockade {bD}: more than half of mu receptors are blocked for {h50D} of the day, against {h50H} with a healthy liver. The same 4.5 mg tablet behaves more like a larger dose. This is why liver function matters when naltrexone is prescribed; the model illustrates it and is not a dosing tool.',
        es: 'La exposición es ahora {foldD} la sana y el bloqueo máximo del {bD}: más de la mitad de los receptores mu están bloqueados durante {h50D} del día, frente a {h50H} con un hígado sano. El mismo comprimido de 4,5 mg se comporta más como una dosis mayor. Por eso importa la función hepática cuando se receta naltrexona; el modelo lo ilustra y no es una herramienta para elegir dosis.',
      },
    },
  ],
};
