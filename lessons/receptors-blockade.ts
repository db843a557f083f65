import type { Lesson } from '../engine/lesson/types';

/** Lesson 2: receptors and blockade — why 50 mg blocks nearly everything and 4.5 mg only part (saturation, competition). */
export const receptorsBlockade: Lesson = {
  id: 'receptors-blockade',
  minutes: 15,
  title: { en: 'Receptors and blockade', es: 'Receptores y bloqueo' },
  summary: {
    en: 'Why 50 mg blocks nearly every mu receptor and 4.5 mg only part of them: saturation and competition.',
    es: 'Por qué 50 mg bloquean casi todos los receptores mu y 4,5 mg solo una parte: saturación y competencia.',
  },
  formats: {
    b50: 'percent', c50: 'ngml', b45: 'percent', c45: 'ngml', naive: 'percent', b100: 'percent', gain: 'percent', b50h24: 'percent', b45h24: 'percent',
  },
  steps: [
    {
      id: 'standard',
      title: { en: 'The standard dose', es: 'La dosis estándar' },
      scenario: { doseMg: 50, clock: '22:00', days: 1 },
      charts: ['plasma', 'blockade'],
      values: { b50: 'peak(mu_blockade)', c50: 'peak(naltrexone_plasma_ng_per_ml)', b50h24: 'at(mu_blockade, 24)' },
      prompt: {
        en: 'Naltrexone blocks mu opioid receptors: it sits on them without activating them, so endorphins (and opioid drugs) cannot act there. The standard dose, used for alcohol and opioid dependence, is 50 mg.',
        es: 'La naltrexona bloquea los receptores opioides mu: se une a ellos sin activarlos, así que las endorfinas (y los fármacos opioides) no pueden actuar allí. La dosis estándar, usada en la dependencia del alcohol y de los opioides, es de 50 mg.',
      },
      question: {
        kind: 'number',
        prompt: { en: 'At its highest, what percentage of mu receptors will 50 mg block?', es: 'En su punto más alto, ¿qué porcentaje de receptores mu bloquearán 50 mg?' },
        answer: 'b50', format: 'percent', tolerance: 10, min: 0, max: 100, step: 1,
      },
      explain: {
        en: 'At its peak 50 mg blocks {b50} of mu receptors, and {b50h24} are still blocked 24 h later. PET scans of people after 50 mg measured 92% and 98% (Rabiner 2011).',
        es: 'En su máximo, 50 mg bloquean el {b50} de los receptores mu, y 24 h después siguen bloqueados el {b50h24}. Las PET de personas tras 50 mg midieron un 92 % y un 98 % (Rabiner 2011).',
      },
    },
    {
      id: 'low-dose',
      title: { en: 'A low dose', es: 'Una dosis baja' },
      scenario: { doseMg: 4.5 },
      charts: ['plasma', 'blockade'],
      values: { b45: 'peak(mu_blockade)', c45: 'peak(naltrexone_plasma_ng_per_ml)', naive: 'b50 * 4.5 / 50', b45h24: 'at(mu_blockade, 24)' },
      prompt: {
        en: '4.5 mg is about one eleventh of 50 mg, and in the model plasma naltrexone is one eleventh too.',
        es: '4,5 mg es aproximadamente la undécima parte de 50 mg, y en el modelo la naltrexona en plasma también lo es.',
      },
      question: {
        kind: 'number',
        prompt: { en: 'At its highest, what percentage of mu receptors will 4.5 mg block?', es: 'En su punto más alto, ¿qué porcentaje de receptores mu bloquearán 4,5 mg?' },
        answer: 'b45', format: 'percent', tolerance: 10, min: 0, max: 100, step: 1,
      },
      explain: {
        en: 'Plasma naltrexone peaks at {c45} instead of {c50}, yet 4.5 mg blocks {b45} of mu receptors at its peak, far more than the {naive} that a straight proportion would give. PET after 5 mg measured 43–58% (Rabiner 2011).',
        es: 'La naltrexona en plasma llega a {c45} en lugar de {c50}, y sin embargo 4,5 mg bloquean el {b45} de los receptores mu en su máximo, mucho más que el {naive} que daría una simple proporción. La PET tras 5 mg midió un 43–58 % (Rabiner 2011).',
      },
    },
    {
      id: 'saturation',
      title: { en: 'Saturation', es: 'Saturación' },
      scenario: { doseMg: 100 },
      charts: ['blockade'],
      values: { b100: 'peak(mu_blockade)', gain: 'peak(mu_blockade) - b50' },
      prompt: {
        en: 'Receptors are a fixed number of seats. When most are taken, extra molecules find few free ones; the blocker also competes with the body\'s own endorphins for the same seats.',
        es: 'Los receptores son un número fijo de asientos. Cuando la mayoría están ocupados, las moléculas de más encuentran pocos libres; además, el bloqueante compite con las endorfinas del propio cuerpo por los mismos asientos.',
      },
      question: {
        kind: 'choice',
        prompt: { en: 'What happens to the peak blockade if the dose is doubled from 50 to 100 mg?', es: '¿Qué le pasa al bloqueo máximo si la dosis se duplica de 50 a 100 mg?' },
        choices: [
          { id: 'doubles', text: { en: 'It nearly doubles', es: 'Casi se duplica' }, when: 'gt(peak(mu_blockade), 1.8 * b50)' },
          { id: 'little', text: { en: 'It rises by less than 10 percentage points', es: 'Sube menos de 10 puntos porcentuales' }, when: 'lt(peak(mu_blockade) - b50, 0.1)' },
          { id: 'more', text: { en: 'It rises by 10 points or more, but does not double', es: 'Sube 10 puntos o más, pero no se duplica' }, when: 'between(peak(mu_blockade) - b50, 0.1, 0.8 * b50)' },
        ],
      },
      explain: {
        en: 'Doubling the dose raises the peak only from {b50} to {b100}: {gain} more of all receptors. Occupancy follows x/(1 + x), where x is the drug concentration divided by its binding constant: at low x it grows almost in proportion, near saturation hardly at all. That is why a small dose already blocks a large part, and a large dose cannot block more than all.',
        es: 'Duplicar la dosis solo sube el máximo del {b50} al {b100}: un {gain} más del total de receptores. La ocupación sigue x/(1 + x), donde x es la concentración del fármaco dividida por su constante de unión: con x pequeña crece casi en proporción y cerca de la saturación casi nada. Por eso una dosis pequeña ya bloquea una gran parte, y una dosis grande no puede bloquear más que todo.',
      },
    },
  ],
};
