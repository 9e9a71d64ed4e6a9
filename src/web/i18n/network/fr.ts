/** Orientations et réseau, français. */
import type { NetMessages } from './en';

export const netFr: NetMessages = {
  territory: 'Territoire', targetGroup: 'Public cible',
  targetGroups: { women: 'Femmes', men: 'Hommes', transgender: 'Personnes transgenres', minors: 'Mineurs', sexual: 'Exploitation sexuelle', forced_labour: 'Travail forcé', begging: 'Mendicité forcée', illegal_activities: 'Activités criminelles forcées', mail_order_bride: 'Mariage forcé ou simulé', illegal_adoption: 'Adoption illégale', organs: 'Prélèvement d’organes' },
  referralsTitle: 'Orientations', incoming: 'Reçues', outgoing: 'Envoyées', none: 'Aucune.', date: 'Date', organisation: 'Organisation', kind: 'Type',
  kinds: { referral: 'Orientation', transfer: 'Transfert' },
  statuses: { pending: 'En attente', accepted: 'Acceptée', declined: 'Refusée', completed: 'Terminée', consent_withdrawn: 'Consentement retiré' },
  shared: 'Ce qui a été partagé', sectionNames: { chosen_term: 'terme choisi', language: 'langue', needs: 'besoins', requested_service: 'service demandé', identity: 'identité', identification: 'identification', legal: 'événements juridiques', risk_level: 'niveau de risque' },
  declinedBecause: 'Refusée : {{reason}}', openNewCase: 'Ouvrir le nouveau dossier', openOwnCase: 'Ouvrir notre dossier', answer: 'Répondre', accept: 'Accepter', declineReason: 'Motif du refus', decline: 'Refuser',
  consentWithdrawnIncoming: 'Elle a retiré son consentement au partage avec votre organisation. Ce qui a été partagé n’est plus visible ici et cette orientation ne peut plus être acceptée.',
  consentWithdrawnOutgoing: 'Elle a retiré son consentement au partage avec ce partenaire. Le partenaire ne voit plus ce qui a été partagé et en a été informé. Si elle consent à nouveau, envoyez une nouvelle orientation.',
  withdrawnOn: 'Retiré le {{date}}', confirmAcceptTransfer: 'Accepter ce transfert ? Votre organisation devient responsable d’un nouveau dossier et l’organisation d’origine clôt le sien.', confirmAcceptYes: 'Oui, accepter le transfert', cancel: 'Annuler',
  recordService: 'Enregistrer un service fourni', complete: 'Marquer comme terminée', ourNotes: 'Nos enregistrements sur cette orientation (jamais visibles de l’autre côté)',
  title: 'Réseau', graphTitle: 'Organisations, accords et flux d’orientation', from: 'Du', to: 'Au', flowSummary: '{{from}} → {{to}} : {{count}}', noFlows: 'Aucune orientation sur cette période.',
  gapsTitle: 'Lacunes de couverture', gapsLegend: 'Nombre de prestataires par service et territoire. « Aucun prestataire » signale une lacune ; « complet » signifie que l’hébergement est saturé.',
  noProvider: 'Aucun prestataire', full: 'complet ({{count}})', directory: 'Annuaire', placesFree: '{{count}} places libres',
};
