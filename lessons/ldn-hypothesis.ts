import type { Lesson } from '../engine/lesson/types';

/**
 * Lesson 3: the LDN hypothesis and the human evidence — brief vs long blockade (the `blockade` calibrations of the
 * ldn model, issue #13), what each predicts for LDN, and why they cannot both be right.
 * Needs the model's preset group `blockade` (`brief` | `long`) and its output `mu_pet_occupancy`.
 */
export const ldnHypothesis: Lesson = {
  id: 'ldn-hypothesis',
  minutes: 20,
  title: { en: 'The LDN hypothesis and the human evidence', es: 'La hipótesis de la LDN y los datos en personas' },
  summary: {
    en: 'Two calibrations of the blockade, brief and long: what each predicts for LDN, and why they cannot both be right.',
    es: 'Dos calibraciones del bloqueo, breve y larga: qué predice cada una para la LDN y por qué no pueden ser ciertas las dos.',
  },
  formats: {
    briefPeak: 'percent', briefHours: 'hours', longPeak: 'percent', longHours: 'hours', brief48: 'percent',
  },
  steps: [
    {
      id: 'brief',
      title: { en: 'The brief calibration', es: 'La calibración breve' },
      scenario: { doseMg: 4.5, clock: '22:00', days: 3, presets: { blockade: 'brief' } },
      charts: ['blockade', 'adaptation'],
      values: {
        briefPeak: 'peak(mu_pet_occupancy)',
        briefHours: 'hours_above(mu_blockade, 0.1) / 3',
      },
      prompt: {
        en: 'The LDN hypothesis proposes that a low dose blocks opioid receptors for only a few hours each day, and that the body answers with more endorphins and more receptors once the blocker has gone. The idea comes from mice given a low dose (Zagon & McLaughlin); it has not been measured in people. The "brief" calibration of the model is chosen so that 4.5 mg gives such a short blockade.',
        es: 'La hipótesis de la LDN propone que una dosis baja bloquea los receptores opioides solo unas horas al día, y que el cuerpo responde con más endorfinas y más receptores cuando el bloqueante ya se ha ido. La idea procede de ratones que recibieron una dosis baja (Zagon y McLaughlin); no se ha medido en personas. La calibración «breve» del modelo se elige para que 4,5 mg den un bloqueo así de corto.',
      },
      question: {
        kind: 'choice',
        prompt: { en: 'Under this calibration, how many hours a day will more than 10% of mu receptors be blocked?', es: 'Con esta calibración, ¿cuántas horas al día estarán bloqueados más del 10 % de los receptores mu?' },
        choices: [
          { id: 'few', text: { en: 'Fewer than 12 h', es: 'Menos de 12 h' }, when: 'lt(hours_above(mu_blockade, 0.1) / 3, 12)' },
          { id: 'most', text: { en: '12 h or more', es: '12 h o más' }, when: '1 - lt(hours_above(mu_blockade, 0.1) / 3, 12)' },
        ],
      },
      explain: {
        en: 'With the brief calibration, more than 10% of mu receptors are blocked for {briefHours} a day on average, and the occupancy a PET scan would measure peaks at {briefPeak}. This is the picture the LDN hypothesis needs.',
        es: 'Con la calibración breve, más del 10 % de los receptores mu están bloqueados {briefHours} al día de media, y la ocupación que mediría una PET llega a un máximo del {briefPeak}. Es el cuadro que necesita la hipótesis de la LDN.',
      },
    },
    {
      id: 'long',
      title: { en: 'The long calibration', es: 'La calibración larga' },
      scenario: { presets: { blockade: 'long' } },
      charts: ['blockade', 'adaptation'],
      values: {
        longPeak: 'peak(mu_pet_occupancy)',
        longHours: 'hours_above(mu_blockade, 0.1) / 3',
      },
      prompt: {
        en: 'In people given 50 mg, PET scans show the blockade fading with a half-time of 72–108 hours (Lee 1988), far longer than naltrexone stays in the plasma. The "long" calibration is chosen to reproduce that.',
        es: 'En personas que recibieron 50 mg, la PET muestra que el bloqueo se desvanece con un tiempo medio de 72–108 horas (Lee 1988), mucho más de lo que la naltrexona permanece en el plasma. La calibración «larga» se elige para reproducirlo.',
      },
      question: {
        kind: 'choice',
        prompt: { en: 'With the long calibration, will the 4.5 mg blockade still be brief?', es: 'Con la calibración larga, ¿seguirá siendo breve el bloqueo de 4,5 mg?' },
        choices: [
          { id: 'brief', text: { en: 'Yes, still under 12 h a day above 10%', es: 'Sí, sigue por debajo de 12 h al día por encima del 10 %' }, when: 'lt(hours_above(mu_blockade, 0.1) / 3, 12)' },
          { id: 'long', text: { en: 'No, 12 h a day or more above 10%', es: 'No, 12 h al día o más por encima del 10 %' }, when: '1 - lt(hours_above(mu_blockade, 0.1) / 3, 12)' },
        ],
      },
      explain: {
        en: 'With the long calibration, 4.5 mg keeps more than 10% of mu receptors blocked for {longHours} a day (brief calibration: {briefHours}), and the PET occupancy peaks at {longPeak}.',
        es: 'Con la calibración larga, 4,5 mg mantienen bloqueados más del 10 % de los receptores mu durante {longHours} al día (calibración breve: {briefHours}), y la ocupación PET llega al {longPeak}.',
      },
    },
    {
      id: 'bound',
      title: { en: 'Checking against 50 mg', es: 'Comprobación con 50 mg' },
      scenario: { doseMg: 50, days: 2, presets: { blockade: 'brief' } },
      charts: ['blockade'],
      values: { brief48: 'at(mu_pet_occupancy, 47.9)' },
      prompt: {
        en: 'A calibration must also fit what was measured in people. The product information says that 48 h after 50 mg, 70–80% of receptors are still blocked.',
        es: 'Una calibración también tiene que ajustarse a lo medido en personas. La ficha técnica dice que 48 h después de 50 mg siguen bloqueados el 70–80 % de los receptores.',
      },
      question: {
        kind: 'choice',
        prompt: { en: 'Does the brief calibration keep 70–80% blocked 48 h after 50 mg?', es: '¿Mantiene la calibración breve bloqueado el 70–80 % 48 h después de 50 mg?' },
        choices: [
          { id: 'fits', text: { en: 'Yes, 65% or more', es: 'Sí, el 65 % o más' }, when: '1 - lt(at(mu_pet_occupancy, 47.9), 0.65)' },
          { id: 'short', text: { en: 'No, less than 65%', es: 'No, menos del 65 %' }, when: 'lt(at(mu_pet_occupancy, 47.9), 0.65)' },
        ],
      },
      explain: {
        en: 'With the brief calibration, 48 h after 50 mg the PET occupancy is {brief48}. In a model where occupancy follows the drug level by mass action, a blockade that lasts days after 50 mg and one that is gone within hours after 4.5 mg are hard to get from one set of constants: the dose differs by 11 times, while occupancy odds are proportional to concentration. So at most one calibration can match both the human 50 mg data and the brief LDN blockade; which is closer to people is an open question. Discuss what measurement could settle it.',
        es: 'Con la calibración breve, 48 h después de 50 mg la ocupación PET es del {brief48}. En un modelo en el que la ocupación sigue al nivel del fármaco por acción de masas, un bloqueo que dura días tras 50 mg y otro que desaparece en horas tras 4,5 mg son difíciles de obtener con un solo juego de constantes: la dosis cambia 11 veces y las probabilidades de ocupación son proporcionales a la concentración. Así que como mucho una calibración puede ajustarse a la vez a los datos humanos de 50 mg y al bloqueo breve de la LDN; cuál se parece más a las personas es una pregunta abierta. Discutan qué medición podría resolverla.',
      },
    },
  ],
};
