/** Účty: heslá, zablokovania, pozvánky. */
import type { accountsEn } from './en';

export const accountsSk: typeof accountsEn = {
  passwordTitle: 'Heslo', currentPassword: 'Súčasné heslo', newPassword: 'Nové heslo',
  newPasswordHint: 'Aspoň 12 znakov. Niekoľko nesúvisiacich slov tvorí silné heslo.',
  changePassword: 'Zmeniť heslo', passwordChanged: 'Vaše heslo bolo zmenené. Vaše ostatné relácie boli ukončené.',
  mustChangeTitle: 'Zvoľte si nové heslo', mustChangeIntro: 'Správca vám nastavil dočasné heslo. Ak chcete pokračovať, zvoľte si vlastné.',
  totpCode: 'Kód z overovacej aplikácie',
  invitationsTitle: 'Pozvánky', invitationText: '{{organisation}} vás pozýva pripojiť sa ako: {{roles}}',
  accept: 'Prijať', decline: 'Odmietnuť', accepted: 'Teraz ste členkou. Prepnite organizáciu, ak v nej chcete pracovať.', declined: 'Pozvánka odmietnutá.',
  confirmAccept: 'Pripojiť sa k {{organisation}}? Jej správcovia uvidia vaše meno a e-mail.',
  locked: 'Zablokovaný', mustChange: 'musí zmeniť heslo', unlock: 'Odblokovať', unlocked: 'Účet je odblokovaný.',
  confirmUnlock: 'Odblokovať účet používateľa {{name}}? Neúspešné pokusy sa začnú počítať od nuly.',
  temporaryTitle: 'Dočasné heslo', temporaryPassword: 'Dočasné heslo',
  temporaryHint: 'Pri ďalšom prihlásení ho musí zmeniť. Všetky jej relácie sa teraz ukončia.',
  setTemporary: 'Nastaviť dočasné heslo', temporarySet: 'Dočasné heslo je nastavené. Oznámte ho bezpečnou cestou.',
  confirmTemporary: 'Nastaviť dočasné heslo pre {{name}}? Bude odhlásená všade.',
  fieldErrors: {
    password_too_short: 'Použite aspoň 12 znakov.', weak_password: 'Toto heslo sa dá príliš ľahko uhádnuť.',
    wrong_password: 'Toto nie je vaše súčasné heslo.', unchanged: 'Zvoľte heslo odlišné od súčasného.',
  },
  feedback: {
    straightRow: 'Rady kláves za sebou sa dajú ľahko uhádnuť.', keyPattern: 'Krátke vzory na klávesnici sa dajú ľahko uhádnuť.',
    simpleRepeat: 'Opakované znaky ako „aaa“ sa dajú ľahko uhádnuť.', extendedRepeat: 'Opakované vzory ako „abcabc“ sa dajú ľahko uhádnuť.',
    sequences: 'Postupnosti ako „abc“ alebo „123“ sa dajú ľahko uhádnuť.', recentYears: 'Nedávne roky sa dajú ľahko uhádnuť.', dates: 'Dátumy sa dajú ľahko uhádnuť.',
    topTen: 'Toto je jedno z najpoužívanejších hesiel.', topHundred: 'Toto je veľmi často používané heslo.', common: 'Toto je bežne používané heslo.',
    similarToCommon: 'Podobá sa na bežne používané heslo.', wordByItself: 'Samotné slovo sa dá ľahko uhádnuť.',
    namesByThemselves: 'Samotné meno alebo priezvisko sa dá ľahko uhádnuť.', commonNames: 'Bežné mená a priezviská sa dajú ľahko uhádnuť.',
    userInputs: 'Nepoužívajte svoje meno, e-mail ani organizáciu.', pwned: 'Toto heslo sa objavilo v úniku údajov.',
    l33t: 'Vyhnite sa predvídateľným náhradám ako „@“ namiesto „a“.', reverseWords: 'Vyhnite sa bežným slovám napísaným odzadu.',
    allUppercase: 'Veľké písmená použite len pri niektorých písmenách.', capitalization: 'Veľké písmeno použite nielen na začiatku.',
    associatedYears: 'Vyhnite sa rokom, ktoré s vami súvisia.', repeated: 'Vyhnite sa opakovaným slovám a znakom.',
    longerKeyboardPattern: 'Použite dlhšie vzory na klávesnici a meňte smer.', anotherWord: 'Pridajte menej bežné slová.',
    useWords: 'Použite viac slov, ale vyhnite sa bežným frázam.', noNeed: 'Silné heslo nepotrebuje symboly, číslice ani veľké písmená.',
  },
};
