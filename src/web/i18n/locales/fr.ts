/** Français. */
import { caseUiFr } from '../cases/fr';
import { netFr } from '../network/fr';
import { statsFr } from '../statistics/fr';
import { outcomesFr } from '../outcomes/fr';
import { linkageFr } from '../linkage/fr';
import { networksFr } from '../networks/fr';
import { rolesFr } from '../roles/fr';
import { privacyFr } from '../privacy/fr';
import { accountsFr } from '../accounts/fr';
import type { Messages } from './en';

export const fr: Messages = {
  app: { name: 'Ariadne', tagline: "Gestion des dossiers et réseaux d'orientation pour l'aide aux victimes de la traite" },
  common: { loading: 'Chargement…', yes: 'Oui', no: 'Non', retry: 'Réessayer', cancel: 'Annuler', save: 'Enregistrer', saving: 'Enregistrement…', close: 'Fermer', never: 'Jamais' },
  nav: { main: 'Navigation principale', networks: 'Réseaux', roles: 'Rôles', privateReleases: 'Publications privées', questionnaire: 'Questionnaire', linkageReview: 'Couplage des données', statistics: 'Statistiques', cohort: 'Résultats', estimates: 'Estimations', mse: 'ESM', referrals: 'Orientations', network: 'Réseau', cases: 'Dossiers', dashboard: 'Tableau de bord', users: 'Utilisateurs', audit: "Journal d'audit", account: 'Mon compte', skipToContent: 'Aller au contenu', menu: 'Menu' },
  shell: {
    organisation: 'Organisation', switchOrganisation: "Changer d'organisation", language: 'Langue',
    logout: 'Se déconnecter', signedInAs: 'Connecté·e en tant que {{name}}',
  },
  login: {
    title: 'Se connecter à Ariadne', email: 'Adresse e-mail', password: 'Mot de passe', totpCode: "Code d'authentification",
    totpHint: "Saisissez le code à 6 chiffres de votre application d'authentification.", submit: 'Se connecter', submitting: 'Connexion…',
    privacyNote: "Toutes vos actions sont enregistrées dans le journal d'audit de votre organisation.",
  },
  dashboard: {
    title: 'Tableau de bord', welcome: 'Bienvenue, {{name}}', organisation: 'Organisation', roles: 'Vos rôles',
    emptyTitle: "Rien ne requiert votre attention pour l'instant", emptyBody: "L'agenda, les dossiers et les chiffres du réseau apparaîtront ici dès que votre organisation utilisera Ariadne.",
    quickLinks: 'Accès rapides',
  },
  notifications: {
    title: 'Notifications ({{count}} nouvelles)', none: 'Aucune notification.', new: 'Nouveau', open: 'Ouvrir l’orientation', markAllRead: 'Tout marquer comme lu',
    kinds: { 'referral.received': '{{partner}} a envoyé une orientation : {{service}}', 'transfer.received': '{{partner}} propose un transfert : {{service}}', 'referral.accepted': '{{partner}} a accepté votre orientation : {{service}}', 'referral.declined': '{{partner}} a refusé votre orientation : {{service}}', 'referral.completed': '{{partner}} a terminé votre orientation : {{service}}', 'referral.consent_withdrawn': 'Consentement retiré : l’orientation de {{partner}} ({{service}}) a pris fin' },
  },
  users: {
    onDuty: 'Mettre de permanence pour les orientations', offDuty: 'Retirer de la permanence', dutyBadge: 'de permanence',
    title: 'Utilisateurs', intro: 'Comptes du personnel de {{organisation}}. Vous ne voyez et ne gérez que votre propre organisation.',
    add: 'Ajouter un utilisateur', email: 'Adresse e-mail', displayName: 'Nom', password: 'Mot de passe initial', passwordHint: 'Au moins 12 caractères. Demandez à la personne de le changer.',
    roles: 'Rôles', status: 'Statut', active: 'Actif', inactive: 'Désactivé', totp: 'Double authentification', lastLogin: 'Dernière connexion',
    edit: 'Modifier', editing: 'Modifier {{name}}', deactivate: 'Désactiver', activate: 'Réactiver', create: "Créer l'utilisateur",
    created: 'Utilisateur créé.', saved: 'Modifications enregistrées.', none: "Aucun utilisateur pour l'instant.", actions: 'Actions', rolesRequired: 'Choisissez au moins un rôle.',
  },
  roles: {
    admin: 'Administrateur·rice', case_owner: 'Référent·e du dossier', caseworker: 'Travailleur·se social·e', legal_advisor: 'Conseiller·ère juridique',
    mediator: 'Médiateur·rice', coordinator: 'Coordinateur·rice de réseau', auditor: 'Auditeur·rice',
  },
  audit: {
    title: "Journal d'audit", intro: 'Qui a fait quoi et quand. Uniquement les noms des champs : les valeurs ne sont jamais enregistrées ici.',
    seq: 'N°', at: 'Quand', actor: 'Qui', action: 'Action', entity: 'Enregistrement', fields: 'Champs', empty: "Aucune entrée pour l'instant.",
  },
  account: {
    title: 'Mon compte', totpTitle: 'Double authentification', totpOn: 'La double authentification est activée.',
    totpOff: 'La double authentification est désactivée. Activez-la pour protéger les personnes dont vous voyez les dossiers.',
    setup: 'Configurer une application', setupHint: "Ajoutez ce secret à votre application d'authentification, puis saisissez le code affiché.",
    secret: 'Secret', code: 'Code', enable: 'Activer', enabled: 'La double authentification est maintenant activée.',
    disable: 'Désactiver', disablePassword: 'Votre mot de passe', disabled: 'La double authentification est maintenant désactivée.',
    sessionsTitle: 'Sessions', sessionsHint: 'Téléphone perdu ou ordinateur partagé ? Fermez toutes les sessions sur tous les appareils.',
    logoutEverywhere: 'Se déconnecter partout',
  },
  caseUi: caseUiFr,
  net: netFr,
  stats: statsFr,
  outcomesUi: outcomesFr,
  linkageUi: linkageFr,
  networksUi: networksFr,
  rolesUi: rolesFr,
  privacyUi: privacyFr,
  accountsUi: accountsFr,
  notFound: { title: 'Page introuvable', back: 'Retour au tableau de bord' },
  errors: {
    invalid_file: 'Le fichier n’est pas un tableur lisible.',
    too_few_lists: "L’ESM exige au moins trois listes.",
    invalid_count: "Les effectifs doivent être des entiers positifs ou nuls.",
    no_overlaps: "Les listes ne se recoupent pas : l’ESM ne peut rien estimer.",
    no_finite_estimate: "Ces effectifs ne donnent pas d’estimation finie : une liste est incluse dans les autres ou les recoupements sont trop rares.",
    missing_header: "Le tableau doit avoir un en-tête avec une colonne par liste et une colonne d’effectif.",
    consent_not_granted: "Elle n’a pas consenti au partage avec cette organisation.",
    unknown_list_value: "Une valeur ne figure pas dans la liste configurée.",
    case_closed: "Le dossier est clôturé : rouvrez-le d’abord.",
    invalid_transition: "Ce changement de statut n’est pas possible ici.",
    reason_required: "Indiquez un motif.",
    future_date: "Une date est dans le futur.",
    invalid_date_range: "La date de fin précède la date de début.",
    identity_required: "Un transfert exige la section identité.",
    invalid_referral_transition: "Cette orientation ne peut plus recevoir cette réponse.",
    score_out_of_scale: "Un score est hors de l’échelle.",
    assessment_before_intake: "L’évaluation est antérieure au premier contact.",
    open_case_exists: "Elle a déjà un dossier ouvert : poursuivez ou rouvrez celui-ci plutôt que d’en ouvrir un autre.",
    generic: "Une erreur s'est produite. Veuillez réessayer.", network_error: 'Le serveur est injoignable.',
    validation_failed: 'Certains champs ne sont pas valides. Vérifiez-les et réessayez.', invalid_json: 'La requête est mal formée.',
    payload_too_large: 'La requête est trop volumineuse.', unauthenticated: 'Veuillez vous connecter.',
    invalid_credentials: "L'adresse e-mail ou le mot de passe est incorrect.", totp_required: "Saisissez le code de votre application d'authentification.",
    invalid_totp: "Le code d'authentification est incorrect.", csrf_failed: "La requête n'a pas pu être vérifiée. Rechargez la page et réessayez.",
    forbidden: "Vous n'avez pas l'autorisation de faire cela.", not_found: 'Introuvable, ou vous n’y avez pas accès.',
    version_conflict: "Quelqu'un d'autre a modifié cet enregistrement. Rechargez-le et refaites votre modification.",
    locked_out: 'Trop de tentatives échouées. Réessayez dans quelques minutes.', rate_limited: 'Trop de requêtes. Ralentissez et réessayez.',
    email_taken: 'Un utilisateur avec cette adresse existe déjà.', password_too_short: 'Le mot de passe est trop court (au moins 12 caractères).',
    cannot_demote_self: 'Vous ne pouvez pas retirer votre propre rôle d’administrateur ni vous désactiver.',
    totp_not_started: "Commencez d'abord la configuration de l'application.", totp_already_enabled: 'La double authentification est déjà activée.',
    linkage_running: 'Un couplage est déjà en cours. Attendez qu’il se termine.',
    weak_secret: 'Le secret de couplage est trop court.',
    weak_password: 'Le mot de passe est trop facile à deviner.', wrong_password: 'Le mot de passe n’est pas correct.', password_change_required: 'Choisissez d’abord un nouveau mot de passe.', totp_not_enabled: 'L’authentification à deux facteurs n’est pas activée.',
    internal_error: "Une erreur s'est produite de notre côté.",
  },
};
