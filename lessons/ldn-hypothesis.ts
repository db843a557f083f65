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
    briefPeak: 'percent', briefHours: 'hours', briefFree: 'hours', longPeak: 'percent', longHours: 'hours', longFree: 'hours',
    brief48: 'percent',
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
        briefFree: '24 - hours_above(mu_blockade, 0.1) / 3',
      },
      prompt: {
        en: 'The LDN hypothesis proposes that a low dose blocks opioid receptors for only a few hours each day, leaving the rest of the day with the receptors nearly free, and that the body answers with more endorphins and more receptors once the blocker has gone. The idea comes from mice given a low dose (Zagon & McLaughlin); it has not been measured in people. The "brief" calibration of the model is chosen to give 4.5 mg such a daily free window. To get it, the model has to assume that 6β-naltrexol, the long-lived metabolite, acts in the brain much more weakly than the measured data suggest: an assumption chosen to reproduce the hypothesis, labelled as such on the Model tab.',
        es: 'La hipótesis de la LDN propone que una dosis baja bloquea los receptores opioides solo unas horas al día, dejando el resto del día los receptores casi libres, y que el cuerpo responde con más endorfinas y más receptores cuando el bloqueante ya se ha ido. La idea procede de ratones que recibieron una dosis baja (Zagon y McLaughlin); no se ha medido en personas. La calibración «breve» del modelo se elige para que 4,5 mg dejen esa ventana libre cada día. Para conseguirlo, el modelo tiene que suponer que el 6β-naltrexol, el metabolito de vida larga, actúa en el cerebro mucho más débilmente de lo que sugieren los datos medidos: un supuesto elegido para reproducir la hipótesis, señalado como tal en la pestaña Modelo.',
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
        en: 'With the brief calibration, more than 10% of mu receptors are blocked for {briefHours} a day on average, which leaves a window of {briefFree} a day with the receptors nearly free; the occupancy a PET scan would read peaks at {briefPeak}. A daily free window is what the LDN hypothesis needs; compare its length with the "few hours" of blockade the hypothesis proposes.',
        es: 'Con la calibración breve, más del 10 % de los receptores mu están bloqueados {briefHours} al día de media, lo que deja una ventana de {briefFree} al día con los receptores casi libres; la ocupación que leería una PET llega a un máximo del {briefPeak}. Una ventana libre cada día es lo que necesita la hipótesis de la LDN; compare su duración con las «pocas horas» de bloqueo que propone la hipótesis.',
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
        longFree: '24 - hours_above(mu_blockade, 0.1) / 3',
      },
      prompt: {
        en: 'In people given 50 mg, PET scans show the blockade fading with a half-time of 72–108 hours (Lee 1988), far longer than naltrexone stays in the plasma. The "long" calibration is chosen to reproduce that: it assumes a slowly exchanging pool of naltrexone in the brain, whose size is fitted to those measurements. The plasma levels are the same under both calibrations; only the brain differs.',
        es: 'En personas que recibieron 50 mg, la PET muestra que el bloqueo se desvanece con un tiempo medio de 72–108 horas (Lee 1988), mucho más de lo que la naltrexona permanece en el plasma. La calibración «larga» se elige para reproducirlo: supone en el cerebro una reserva de naltrexona que se intercambia despacio, cuyo tamaño se ajusta a esas mediciones. Los niveles en plasma son los mismos con las dos calibraciones; solo cambia el cerebro.',
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
        en: 'With the long calibration, 4.5 mg keeps more than 10% of mu receptors blocked for {longHours} a day (brief calibration: {briefHours}), leaving a free window of {longFree} a day (brief: {briefFree}), and the PET occupancy peaks at {longPeak}. Under this calibration the daily free window the hypothesis relies on hardly exists.',
        es: 'Con la calibración larga, 4,5 mg mantienen bloqueados más del 10 % de los receptores mu durante {longHours} al día (calibración breve: {briefHours}), lo que deja una ventana libre de {longFree} al día (breve: {briefFree}), y la ocupación PET llega al {longPeak}. Con esta calibración, la ventana libre diaria en la que se apoya la hipótesis apenas existe.',
      },
    },
    {
      id: 'bound',
      title: { en: 'Checking against 50 mg', es: 'Comprobación con 50 mg' },
      scenario: { doseMg: 50, days: 2, presets: { blockade: 'brief' } },
      charts: ['blockade'],
      values: { brief48: 'at(mu_pet_occupancy, 47.9)' },
      prompt: {
        en: 'A calibration must also fit what was measured in people. After a single 50 mg dose, PET shows the blockade fading with a half-time of 72–108 h (Lee 1988), so more than half of the receptors are still blocked 48 h later; with 50 mg every second day, 70–80% are still blocked 48 h after a dose (product information).',
        es: 'Una calibración también tiene que ajustarse a lo medido en personas. Tras una dosis única de 50 mg, la PET muestra que el bloqueo se desvanece con un tiempo medio de 72–108 h (Lee 1988), así que 48 h después sigue bloqueada más de la mitad de los receptores; con 50 mg cada dos días, el 70–80 % sigue bloqueado 48 h después de una dosis (ficha técnica).',
      },
      question: {
        kind: 'choice',
        prompt: { en: 'Does the brief calibration keep more than half of the receptors blocked 48 h after a single 50 mg dose?', es: '¿Mantiene la calibración breve bloqueada más de la mitad de los receptores 48 h después de una dosis única de 50 mg?' },
        choices: [
          { id: 'fits', text: { en: 'Yes, 50% or more', es: 'Sí, el 50 % o más' }, when: '1 - lt(at(mu_pet_occupancy, 47.9), 0.5)' },
          { id: 'short', text: { en: 'No, less than 50%', es: 'No, menos del 50 %' }, when: 'lt(at(mu_pet_occupancy, 47.9), 0.5)' },
        ],
      },
      explain: {
        en: 'With the brief calibration, 48 h after 50 mg the PET occupancy is {brief48}, well short of what was measured in people; the long calibration matches that measurement but leaves 4.5 mg almost no free window. In a model where occupancy follows the drug level by mass action, whatever keeps receptors blocked for days after 50 mg also keeps them blocked after a much smaller daily dose, because occupancy odds are proportional to concentration. So one set of constants cannot match both the human 50 mg data and the brief LDN blockade; the trade-off slider on the Model tab shows this bound. Which calibration is closer to people taking LDN is an open question: the human data this model rests on include no PET scans over the day in people taking LDN. Discuss what measurement could settle it.',
        es: 'Con la calibración breve, 48 h después de 50 mg la ocupación PET es del {brief48}, muy por debajo de lo medido en personas; la calibración larga se ajusta a esa medición, pero deja a 4,5 mg casi sin ventana libre. En un modelo en el que la ocupación sigue al nivel del fármaco por acción de masas, lo que mantiene bloqueados los receptores durante días tras 50 mg también los mantiene bloqueados tras una dosis diaria mucho menor, porque las probabilidades de ocupación son proporcionales a la concentración. Así que un solo juego de constantes no puede ajustarse a la vez a los datos humanos de 50 mg y al bloqueo breve de la LDN; el control deslizante de compromiso de la pestaña Modelo muestra este límite. Cuál de las dos calibraciones se parece más a las personas que toman LDN es una pregunta abierta: los datos humanos en los que se basa este modelo no incluyen PET a lo largo del día en personas que toman LDN. Discutan qué medición podría resolverla.',
      },
    },
  ],
};
