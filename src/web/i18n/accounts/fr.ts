/** Comptes : mots de passe, verrouillages, invitations. */
import type { accountsEn } from './en';

export const accountsFr: typeof accountsEn = {
  passwordTitle: 'Mot de passe', currentPassword: 'Mot de passe actuel', newPassword: 'Nouveau mot de passe',
  newPasswordHint: 'Au moins 12 caractères. Quelques mots sans lien entre eux font un mot de passe solide.',
  changePassword: 'Changer le mot de passe', passwordChanged: 'Votre mot de passe a été changé. Vos autres sessions ont été fermées.',
  mustChangeTitle: 'Choisissez un nouveau mot de passe', mustChangeIntro: 'Un administrateur vous a donné un mot de passe temporaire. Choisissez le vôtre pour continuer.',
  totpCode: 'Code de votre application d’authentification',
  invitationsTitle: 'Invitations', invitationText: '{{organisation}} vous invite à la rejoindre comme : {{roles}}',
  accept: 'Accepter', decline: 'Refuser', accepted: 'Vous êtes maintenant membre. Changez d’organisation pour y travailler.', declined: 'Invitation refusée.',
  confirmAccept: 'Rejoindre {{organisation}} ? Ses administrateurs verront votre nom et votre e-mail.',
  locked: 'Verrouillé', mustChange: 'doit changer de mot de passe', unlock: 'Déverrouiller', unlocked: 'Le compte est déverrouillé.',
  confirmUnlock: 'Déverrouiller le compte de {{name}} ? Les tentatives échouées repartent de zéro.',
  temporaryTitle: 'Mot de passe temporaire', temporaryPassword: 'Mot de passe temporaire',
  temporaryHint: 'Elle devra le changer à sa prochaine connexion. Toutes ses sessions sont fermées maintenant.',
  setTemporary: 'Définir le mot de passe temporaire', temporarySet: 'Mot de passe temporaire défini. Communiquez-le par un canal sûr.',
  confirmTemporary: 'Définir un mot de passe temporaire pour {{name}} ? Elle sera déconnectée partout.',
  fieldErrors: {
    password_too_short: 'Utilisez au moins 12 caractères.', weak_password: 'Ce mot de passe est trop facile à deviner.',
    wrong_password: 'Ce n’est pas votre mot de passe actuel.', unchanged: 'Choisissez un mot de passe différent de l’actuel.',
  },
  feedback: {
    straightRow: 'Les rangées de touches sont faciles à deviner.', keyPattern: 'Les motifs de clavier courts sont faciles à deviner.',
    simpleRepeat: 'Les caractères répétés comme « aaa » sont faciles à deviner.', extendedRepeat: 'Les motifs répétés comme « abcabc » sont faciles à deviner.',
    sequences: 'Les suites comme « abc » ou « 123 » sont faciles à deviner.', recentYears: 'Les années récentes sont faciles à deviner.', dates: 'Les dates sont faciles à deviner.',
    topTen: 'C’est l’un des mots de passe les plus utilisés.', topHundred: 'C’est un mot de passe très souvent utilisé.', common: 'C’est un mot de passe courant.',
    similarToCommon: 'Il ressemble à un mot de passe courant.', wordByItself: 'Un mot seul est facile à deviner.',
    namesByThemselves: 'Un prénom ou un nom seul est facile à deviner.', commonNames: 'Les prénoms et noms courants sont faciles à deviner.',
    userInputs: 'N’utilisez pas votre nom, votre e-mail ni votre organisation.', pwned: 'Ce mot de passe figure dans une fuite de données.',
    l33t: 'Évitez les substitutions prévisibles comme « @ » pour « a ».', reverseWords: 'Évitez les mots courants écrits à l’envers.',
    allUppercase: 'Mettez quelques lettres en majuscules, pas toutes.', capitalization: 'Mettez en majuscule plus que la première lettre.',
    associatedYears: 'Évitez les années qui vous sont associées.', repeated: 'Évitez les mots et caractères répétés.',
    longerKeyboardPattern: 'Utilisez des motifs de clavier plus longs et changez de direction.', anotherWord: 'Ajoutez des mots moins courants.',
    useWords: 'Utilisez plusieurs mots, mais évitez les expressions courantes.', noNeed: 'Un mot de passe solide n’a pas besoin de symboles, de chiffres ni de majuscules.',
  },
};
