/** Štatistiky, odhady a MSE, slovenčina. */
import type { StatsMessages } from './en';

export const statsSk: StatsMessages = {
  title: 'Štatistiky', population: 'Kto sa počíta', neverSummed: 'Jedna populácia na výkaz. Údaje o obchodovaní s ľuďmi sa nikdy nesčítavajú s nelegálnou migráciou, prevádzačstvom ani sexuálnou prácou.',
  populations: { potential_victims: 'Potenciálne obete (neurčené)', determined_victims_org: 'Určené špecializovanou organizáciou', determined_victims_authority: 'Určené orgánom', determined_victims: 'Určené obete (organizácia alebo orgán)', assisted_persons: 'Osoby, ktorým sa pomohlo', irregular_migration: 'Nelegálna migrácia', smuggling: 'Prevádzačstvo', sex_work: 'Sexuálna práca' },
  rows: 'Riadky', columns: 'Stĺpce',
  dimensions: { year: 'Rok', sex: 'Pohlavie', ageBand: 'Veková skupina', citizenship: 'Štátna príslušnosť', formOfExploitation: 'Forma vykorisťovania', identificationChannel: 'Spôsob identifikácie', programmeType: 'Program', outcome: 'Výsledok', all: 'Osoby (bez členenia)' },
  from: 'Od roku', to: 'Do roku', threshold: 'Najmenší zobrazený počet', computing: 'Počíta sa…', run: 'Zobraziť výkaz',
  whatIsCounted: 'Čo sa počíta', personsNotCases: 'Osoby, nie prípady', notTrafficking: 'nie je údaj o obchodovaní s ľuďmi', period: 'Obdobie', scope: 'Rozsah', source: 'Zdroj', generated: 'Vytvorené',
  chartTotalsOnly: 'Pri tejto podrobnosti sú skryté všetky bunky, preto graf ukazuje súčty riadkov, ktoré možno zverejniť.', nothingToChart: 'Všetky počty v tejto tabuľke sú skryté, nie je čo zobraziť v grafe. Dlhšie obdobie alebo menej kategórií dá väčšie počty.',
  chartLabel: 'Stĺpcový graf osôb podľa: {{rows}}; spolu {{total}}. Skryté bunky sa nekreslia.', legend: '„{{mark}}“ označuje skrytý počet: malý, alebo skrytý, aby sa malé počty nedali dopočítať zo súčtov.',
  suppressedMark: 'skryté', table: 'Tabuľka výkazu', persons: 'Osoby', total: 'Spolu',
  export: { csv: 'Stiahnuť CSV', xlsx: 'Stiahnuť XLSX', ctdc: 'Stiahnuť JSON (formát CTDC)' },
  estimatesTitle: 'Register odhadov', estimatesIntro: 'Každý zverejnený údaj s tým, čo počíta, odkiaľ pochádza a kto ho odvtedy citoval.', onlyRecast: 'Iba údaje, ktorých pôvod sa pri citovaní zmenil',
  method: 'Metóda', methods: { shelter_counts: 'počty v zariadeniach', police_data: 'policajné údaje', survey: 'prieskum', mse: 'odhad z viacerých systémov', capture_recapture: 'capture–recapture', extrapolation: 'extrapolácia', administrative: 'administratívne údaje', unknown: 'neznáma' },
  flags: { not_trafficking_figure: 'nie je údaj o obchodovaní s ľuďmi', permits_not_persons: 'povolenia, nie osoby', contacts_not_persons: 'kontakty, nie osoby', cases_not_victims: 'prípady, nie obete', detected_not_prevalence: 'zistené, nie prevalencia', no_method_stated: 'metóda neuvedená', recast_attribution: 'zmenené autorstvo' },
  recastWarning: 'Tento údaj bol pripísaný inému autorovi: neskorší zdroj ho pripisuje niekomu inému než pôvodnému autorovi.', citationChain: 'Reťazec citácií', original: 'Pôvodný zdroj', citing: 'Citoval',
  recastLink: 'pripísané: {{credited}}',
  mseTitle: 'Odhad z viacerých systémov', mseIntro: 'Odhaduje celkový počet ľudí vrátane tých, ktorí nie sú na žiadnom zozname, podľa toho, ako často sa objavujú na viacerých zoznamoch. Predpokladá uzavretú populáciu v danom období.',
  ownLists: 'Zostaviť zo záznamov našej siete', ownListsIntro: 'Každý zoznam je jedna organizácia vašich sietí alebo jeden identifikačný kanál; každá osoba sa počíta raz vďaka prepojeniu záznamov a iba s jej súhlasom s anonymnou štatistikou.', listsBy: 'Zoznamy', listsByOrganisation: 'Jeden zoznam na organizáciu', listsByChannel: 'Jeden zoznam na identifikačný kanál', buildTable: 'Zostaviť tabuľku', tableBuilt: '{{persons}} osôb na {{lists}} zoznamoch.', xlsxChosen: 'Zošit {{name}}: použije sa jeho prvý hárok.',
  mseFile: 'Súbor histórií záchytov (CSV alebo XLSX)', mseTable: 'Tabuľka histórií záchytov', mseFormat: 'Jeden stĺpec na zoznam (1 = na tomto zozname), posledný stĺpec je počet osôb; jeden riadok na kombináciu.',
  bootstrap: 'Počet bootstrap replikácií', fitting: 'Odhadujú sa modely a bootstrap…', estimate: 'Odhadnúť',
  mseResult: 'Odhadovaný celkový počet: {{estimate}} osôb', observedHidden: 'Na aspoň jednom zozname: {{observed}}; odhad mimo všetkých zoznamov: {{hidden}}.',
  intervals: { wald: '95 % interval (normálny)', profile: '95 % interval (profilová vierohodnosť)', bootstrap: '95 % interval (bootstrap)' },
  mseChart: 'Intervaly okolo odhadu {{estimate}} osôb', model: 'Model', terms: 'Interakcie', mainEffectsOnly: 'žiadne (iba hlavné efekty)',
  fit: 'Zhoda modelu: deviancia {{deviance}} pri {{df}} stupňoch voľnosti, AIC {{aic}}.', saveToRegistry: 'Uložiť do registra', saveLabel: 'Názov', geography: 'Územie', save: 'Uložiť', saved: 'Uložené do registra odhadov.',
};
