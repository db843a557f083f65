import type { Lesson } from '../engine/lesson/types';

/** Lesson 5: opioids and naltrexone — displacement, precipitated withdrawal, and why 7–10 days of washout. */
export const opioids: Lesson = {
  id: 'opioids',
  minutes: 18,
  title: { en: 'Opioids and naltrexone', es: 'Opioides y naltrexona' },
  summary: {
    en: 'Naltrexone pushes morphine off mu receptors: displacement, precipitated withdrawal, and why opioids are stopped 7–10 days before.',
    es: 'La naltrexona desplaza a la morfina de los receptores mu: desplazamiento, abstinencia precipitada y por qué los opioides se dejan 7–10 días antes.',
  },
  formats: {
    occ: 'percent', occ50: 'percent', blk50: 'percent', drop50: 'percent', occ45: 'percent', washH: 'hours',
  },
  steps: [
    {
      id: 'morphine',
      title: { en: 'Morphine alone', es: 'Solo morfina' },
      scenario: { doseMg: 0, clock: '08:00', days: 3, agonist: { drug: 'morphine', amtMg: 10, everyH: 6 } },
      charts: ['plasma', 'blockade'],
      values: { occ: 'at(agonist_mu_occupancy, 47.9)' },
      prompt: {
        en: 'Someone takes morphine 10 mg by mouth every 6 hours for pain. Morphine activates mu receptors: it is an agonist, while naltrexone is an antagonist.',
        es: 'Una persona toma 10 mg de morfina por vía oral cada 6 horas para el dolor. La morfina activa los receptores mu: es un agonista, mientras que la naltrexona es un antagonista.',
      },
      question: {
        kind: 'choice',
        prompt: { en: 'On the second day, just before a dose, what share of mu receptors does morphine occupy?', es: 'El segundo día, justo antes de una dosis, ¿qué parte de los receptores mu ocupa la morfina?' },
        choices: [
          { id: 'few', text: { en: 'Under 20%', es: 'Menos del 20 %' }, when: 'lt(at(agonist_mu_occupancy, 47.9), 0.2)' },
          { id: 'some', text: { en: '20–60%', es: 'Del 20 al 60 %' }, when: 'between(at(agonist_mu_occupancy, 47.9), 0.2, 0.6)' },
          { id: 'most', text: { en: 'Over 60%', es: 'Más del 60 %' }, when: 'gt(at(agonist_mu_occupancy, 47.9), 0.6)' },
        ],
      },
      explain: {
        en: 'Even at its lowest, just before the next dose, morphine occupies {occ} of mu receptors in the model.',
        es: 'Incluso en su punto más bajo, justo antes de la dosis siguiente, la morfina ocupa el {occ} de los receptores mu en el modelo.',
      },
    },
    {
      id: 'standard',
      title: { en: 'Naltrexone 50 mg on top', es: 'Naltrexona 50 mg encima' },
      scenario: { doseMg: 50, naltrexoneStartH: 47.9 },
      charts: ['blockade'],
      values: { occ50: 'at(agonist_mu_occupancy, 50)', blk50: 'at(mu_blockade, 50)', drop50: '1 - at(agonist_mu_occupancy, 50) / occ' },
      prompt: {
        en: 'Now a 50 mg naltrexone tablet is taken at hour 48, while the morphine continues. Both compete for the same receptors.',
        es: 'Ahora se toma un comprimido de 50 mg de naltrexona en la hora 48, mientras sigue la morfina. Los dos compiten por los mismos receptores.',
      },
      question: {
        kind: 'choice',
        prompt: { en: 'Two hours later, what has happened to morphine\'s share of the receptors?', es: 'Dos horas después, ¿qué le ha pasado a la parte de receptores que ocupa la morfina?' },
        choices: [
          { id: 'same', text: { en: 'About the same (it falls by under 10%)', es: 'Más o menos igual (baja menos de un 10 %)' }, when: 'lt(1 - at(agonist_mu_occupancy, 50) / occ, 0.1)' },
          { id: 'some', text: { en: 'It falls, but by less than half', es: 'Baja, pero menos de la mitad' }, when: 'between(1 - at(agonist_mu_occupancy, 50) / occ, 0.1, 0.5)' },
          { id: 'most', text: { en: 'It falls by more than half', es: 'Baja más de la mitad' }, when: 'gt(1 - at(agonist_mu_occupancy, 50) / occ, 0.5)' },
        ],
      },
      explain: {
        en: 'Two hours after 50 mg, naltrexone blocks {blk50} of mu receptors and morphine\'s share has fallen from {occ} to {occ50}: {drop50} of it is gone. Both bind mu receptors about as tightly (Ki near 1 nM), but at this dose there is far more naltrexone at the receptors, so it displaces the agonist. In someone whose body has adapted to opioids, such a sudden loss of opioid signal brings on withdrawal within minutes to hours: precipitated withdrawal.',
        es: 'Dos horas después de 50 mg, la naltrexona bloquea el {blk50} de los receptores mu y la parte de la morfina ha bajado del {occ} al {occ50}: ha desaparecido el {drop50}. Las dos se unen a los receptores mu con una fuerza parecida (Ki cercana a 1 nM), pero con esta dosis hay mucha más naltrexona en los receptores, así que desplaza al agonista. En una persona cuyo cuerpo se ha adaptado a los opioides, esa pérdida brusca de señal opioide desencadena la abstinencia en minutos u horas: la abstinencia precipitada.',
      },
    },
    {
      id: 'low-dose',
      title: { en: 'A low dose on top', es: 'Una dosis baja encima' },
      scenario: { doseMg: 4.5 },
      charts: ['blockade'],
      values: { occ45: 'at(agonist_mu_occupancy, 50)' },
      prompt: {
        en: 'What if the naltrexone taken at hour 48 is 4.5 mg instead?',
        es: '¿Y si la naltrexona que se toma en la hora 48 es de 4,5 mg?',
      },
      question: {
        kind: 'number',
        prompt: { en: 'Two hours later, what percentage of mu receptors will morphine still occupy?', es: 'Dos horas después, ¿qué porcentaje de receptores mu seguirá ocupando la morfina?' },
        answer: 'occ45', format: 'percent', tolerance: 10, min: 0, max: 100, step: 1,
      },
      explain: {
        en: 'With 4.5 mg, morphine still holds {occ45} of mu receptors two hours later (before naltrexone: {occ}; with 50 mg: {occ50}). The displacement is partial, but it is still a sudden loss of opioid signal, and it also blunts the pain relief. LDN guides likewise advise stopping opioids before starting.',
        es: 'Con 4,5 mg, la morfina sigue ocupando el {occ45} de los receptores mu dos horas después (antes de la naltrexona: {occ}; con 50 mg: {occ50}). El desplazamiento es parcial, pero sigue siendo una pérdida brusca de señal opioide, y además reduce el alivio del dolor. Las guías de LDN también aconsejan dejar los opioides antes de empezar.',
      },
    },
    {
      id: 'washout',
      title: { en: 'Washout', es: 'Periodo de lavado' },
      scenario: { doseMg: 0, naltrexoneStartH: 0, agonist: { drug: 'morphine', amtMg: 10, everyH: 6, untilH: 24 } },
      charts: ['plasma', 'blockade'],
      values: { washH: 'first_below_after(agonist_mu_occupancy, 0.05, 18) - 18' },
      prompt: {
        en: 'Now the morphine is stopped after one day (last dose at hour 18) and no naltrexone is taken. The product information of naltrexone asks for 7–10 days without opioids before starting it, longer after methadone or buprenorphine.',
        es: 'Ahora se deja la morfina tras un día (última dosis en la hora 18) y no se toma naltrexona. La ficha técnica de la naltrexona pide 7–10 días sin opioides antes de empezarla, y más tras metadona o buprenorfina.',
      },
      question: {
        kind: 'number',
        prompt: { en: 'How many hours after the last dose does morphine occupy fewer than 5% of mu receptors?', es: '¿Cuántas horas después de la última dosis ocupa la morfina menos del 5 % de los receptores mu?' },
        answer: 'washH', format: 'hours', tolerance: 4, min: 0, max: 72, step: 1,
      },
      explain: {
        en: 'In the model, morphine\'s occupancy falls below 5% {washH} after the last dose: a day or two, not 7–10 days. The 7–10 days are not about this molecule alone. Long-acting opioids (methadone, buprenorphine) stay far longer, and the body\'s adaptation to opioids (dependence) outlasts the drug; this model has neither. The washout protects the person, not just the receptors.',
        es: 'En el modelo, la ocupación de la morfina baja del 5 % {washH} después de la última dosis: uno o dos días, no 7–10. Los 7–10 días no se deben solo a esta molécula. Los opioides de acción prolongada (metadona, buprenorfina) permanecen mucho más, y la adaptación del cuerpo a los opioides (la dependencia) dura más que el fármaco; este modelo no incluye ninguna de las dos cosas. El periodo de lavado protege a la persona, no solo a los receptores.',
      },
    },
  ],
};
