/** Professional roles and profiles catalogue, English (source). */
export const rolesEn = {
  title: 'Roles and profiles',
  intro: 'A profile is a qualification; a role is a field of activity that one or more profiles may fill (EX-CHANGE). Our names are ours; each maps to the shared taxonomy so that partners compare like with like.',
  roles: 'Roles', profiles: 'Profiles', staff: 'Staff and their roles', coverage: 'Roles covered across our networks',
  mapsTo: 'Shared role: {{name}}', mapsToProfile: 'Shared profile: {{name}}', inactive: 'retired', notTranslated: 'not yet translated',
  filledBy: 'Filled by', noProfileNeeded: 'No profile required', noCard: 'No role card yet.',
  card: { area: 'Area of intervention', organisation: 'Nature and type of organisation', actions: 'Type of actions', tasks: 'Concrete tasks', skills: 'Abilities and skills', methods: 'Methods of intervention', tools: 'Tools and means' },
  edit: 'Edit', editRole: 'Edit role "{{name}}"', newRole: 'Add a local role', newProfile: 'Add a local profile', editProfile: 'Edit profile "{{name}}"',
  code: 'Code (lower-case letters, digits and _)', sharedRole: 'Shared role it corresponds to', sharedProfile: 'Shared profile it corresponds to',
  nameIn: 'Name in {{language}}', cardLanguage: 'Language of the role card text', active: 'In use', save: 'Save', cancel: 'Cancel', saved: 'Saved.',
  person: 'Staff member', accessRoles: 'Access rights', noneHeld: 'none', editStaff: 'Roles and profiles of {{name}}',
  organisation: 'Organisation', staffCount: 'Staff', noCoverage: 'No partner has mapped staff to roles yet.',
  coverageIntro: 'Staff counts per shared role; who they are stays with each organisation.',
};
