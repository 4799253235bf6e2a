/** Word lists for the demo book's names and texts. */

export const FIRST_NAMES = [
  'Ava', 'Liam', 'Noah', 'Emma', 'Olivia', 'Mateo', 'Sofia', 'Lucas', 'Mia', 'Ethan', 'Amara', 'Kenji', 'Yuki',
  'Priya', 'Arjun', 'Chen', 'Wei', 'Fatima', 'Omar', 'Lena', 'Jonas', 'Elif', 'Marta', 'Diego', 'Camila',
  'Hannah', 'Felix', 'Isabel', 'Tomás', 'Ingrid', 'Lars', 'Aisha', 'Kwame', 'Zanele', 'Grace', 'Daniel',
  'Nora', 'Oscar', 'Chloe', 'Rafael', 'Julia', 'Marco', 'Sara', 'Ravi', 'Meera', 'Hiro', 'Min-jun', 'Ji-woo',
  'Claire', 'Pierre', 'Anouk', 'Sven', 'Beatriz', 'Lucía', 'Ahmed', 'Leila', 'Tariq', 'Nadia', 'Victor', 'Ana',
] as const;

export const LAST_NAMES = [
  'Smith', 'Johnson', 'García', 'Müller', 'Schmidt', 'Rossi', 'Silva', 'Santos', 'Kim', 'Lee', 'Park', 'Tanaka',
  'Sato', 'Suzuki', 'Patel', 'Sharma', 'Singh', 'Nguyen', 'Chen', 'Wang', 'Li', 'Okafor', 'Mensah', 'Dubois',
  'Martin', 'Bernard', 'de Vries', 'Jansen', 'Andersson', 'Nilsson', 'Kowalski', 'Nowak', 'O’Brien', 'Murphy',
  'Hughes', 'Fernández', 'López', 'Hernández', 'Costa', 'Haddad', 'Khan', 'Ali', 'Cohen', 'Levi', 'Walker',
  'Brown', 'Taylor', 'Wilson', 'Moore', 'Clark', 'Lewis', 'Young', 'King', 'Wright', 'Scott', 'Baker',
] as const;

export const COMPANY_PREFIX = [
  'Northwind', 'Bluepeak', 'Ironbridge', 'Silverline', 'Redwood', 'Brightpath', 'Clearwater', 'Summit', 'Keystone',
  'Harbor', 'Granite', 'Cedar', 'Falcon', 'Orion', 'Vertex', 'Nimbus', 'Polaris', 'Aurora', 'Cobalt', 'Meridian',
  'Sterling', 'Evergreen', 'Pinnacle', 'Atlas', 'Beacon', 'Crescent', 'Horizon', 'Lighthouse', 'Magellan', 'Nova',
  'Quantum', 'Riverbend', 'Sapphire', 'Tidewater', 'Upland', 'Westgate', 'Zenith', 'Alder', 'Bramble', 'Copperleaf',
  'Driftwood', 'Emberly', 'Foxglove', 'Greenfield', 'Highland', 'Juniper', 'Kestrel', 'Larkspur', 'Monarch',
  'Oakridge', 'Pacific', 'Quartz', 'Rainier', 'Saltmarsh', 'Thornbury', 'Valiant', 'Wolfram', 'Yellowstone',
] as const;

export const COMPANY_DOMAIN = [
  'Cloud', 'Data', 'Digital', 'Networks', 'Security', 'Software', 'Analytics', 'Infrastructure', 'IT', 'Tech',
  'Systems', 'Logic', 'Compute', 'Cyber', 'DevOps', 'AI', 'Automation', 'Connect', 'Signal', 'Stack',
] as const;

export const COMPANY_SUFFIX = [
  'Solutions', 'Partners', 'Integration Services', 'Consulting', 'Group', 'Technologies', 'Labs', 'Advisors',
  'Managed Services', 'Collective', 'Works', 'Associates', 'Systems Integration', 'Distribution',
] as const;

export const CUSTOMER_PREFIX = [
  'Acme', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Tyrell', 'Soylent', 'Cyberdyne', 'Hooli', 'Vandelay',
  'Wonka', 'Aperture', 'Massive', 'Oscorp', 'Gringotts', 'Pied Piper', 'Dunder', 'Prestige', 'Monarch', 'Bluth',
  'Sterling Cooper', 'Los Pollos', 'Virtucon', 'Nakatomi', 'Gekko', 'Duff', 'Krusty', 'Zorg', 'Ollivander',
  'Rekall', 'Blue Sun', 'Weyland', 'Yoyodyne', 'Tricell', 'Ingen', 'Octan', 'Sirius', 'Omni', 'Dharma',
] as const;

export const CUSTOMER_INDUSTRY = [
  'Logistics', 'Health', 'Bank', 'Insurance', 'Retail', 'Foods', 'Energy', 'Manufacturing', 'Pharma', 'Airlines',
  'Telecom', 'Media', 'Motors', 'Hotels', 'University', 'Holdings', 'Mining', 'Shipping', 'Utilities', 'Games',
] as const;

export const CUSTOMER_FORM = ['Inc.', 'Corp.', 'Group', 'AG', 'plc', 'S.A.', 'Ltd', 'Co.', 'GmbH', 'LLC'] as const;

export const COUNTRIES = {
  NA: [
    ['US', 'Inc.'],
    ['US', 'LLC'],
    ['US', 'Inc.'],
    ['CA', 'Ltd.'],
  ],
  LATAM: [
    ['BR', 'Ltda.'],
    ['MX', 'S.A. de C.V.'],
    ['AR', 'S.R.L.'],
    ['CL', 'SpA'],
    ['CO', 'S.A.S.'],
  ],
  EMEA: [
    ['DE', 'GmbH'],
    ['GB', 'Ltd'],
    ['FR', 'SAS'],
    ['NL', 'B.V.'],
    ['ES', 'S.L.'],
    ['SE', 'AB'],
    ['AE', 'FZ-LLC'],
    ['ZA', '(Pty) Ltd'],
    ['IT', 'S.r.l.'],
  ],
  APAC: [
    ['AU', 'Pty Ltd'],
    ['JP', 'K.K.'],
    ['SG', 'Pte. Ltd.'],
    ['IN', 'Pvt. Ltd.'],
    ['NZ', 'Limited'],
  ],
} as const satisfies Record<string, readonly (readonly [string, string])[]>;

export const CONTACT_ROLES = [
  'Partner Principal',
  'Alliance Manager',
  'Sales Rep',
  'Sales Engineer',
  'Marketing Manager',
  'Technical Lead',
  'Executive Sponsor',
  'Operations Manager',
  'Solutions Architect',
  'Inside Sales',
] as const;

export const CERTIFICATIONS = [
  'Certified Sales Professional',
  'Certified Solutions Architect',
  'Certified Implementation Specialist',
  'Certified Security Specialist',
  'Certified Data Platform Engineer',
  'Certified Administrator',
  'Certified Cloud Migration Expert',
] as const;

export const CONTENT = [
  'Battlecard: competitive positioning',
  'Whitepaper: zero-trust architectures',
  'Pricing guide FY update',
  'Customer case study: global retailer',
  'Demo script: analytics suite',
  'Partner playbook: co-selling',
  'Solution brief: managed detection',
  'Deck: executive pitch',
  'ROI calculator',
  'Datasheet: platform overview',
] as const;

export const TRAININGS = [
  'Sales Foundations',
  'Technical Deep Dive: Platform',
  'Security Specialist Path',
  'Implementation Bootcamp',
  'Data Platform Essentials',
  'Pricing & Packaging',
  'Advanced Architecture',
] as const;

export const WEBINARS = [
  'Quarterly product roadmap',
  'Partner office hours',
  'What’s new in the platform',
  'Winning competitive deals',
  'Marketplace selling 101',
  'Partner program update',
  'Security trends briefing',
] as const;

export const MDF_ACTIVITIES = [
  'Joint webinar',
  'Trade show booth',
  'Lead generation campaign',
  'Customer workshop',
  'Digital advertising',
  'Executive briefing event',
  'Proof-of-concept lab',
  'Email nurture campaign',
] as const;

export const PSAT_COMMENTS = {
  detractor: [
    'Deal registration approvals take far too long.',
    'We lost two deals to your direct team this quarter.',
    'Hard to reach anyone on the channel team.',
    'MDF claims are paid months late.',
    'Portal is confusing and the training content is outdated.',
    'Margins no longer justify the effort.',
  ],
  passive: [
    'Decent program but the portal could be better.',
    'Enablement is fine, would like more co-selling support.',
    'OK overall; pricing changes caught us off guard.',
    'Communication has improved but still inconsistent.',
  ],
  promoter: [
    'Great partnership, our CAM is very responsive.',
    'Co-selling with your team has been excellent.',
    'Training and certifications are top-notch.',
    'Deal registration is fast and fair.',
    'MDF helped us generate real pipeline.',
  ],
} as const;

export const JBP_OBJECTIVES = [
  ['Grow sourced ARR', 'sourced_arr'],
  ['Expand influenced revenue', 'influenced_arr'],
  ['Build qualified pipeline', 'pipeline_created'],
  ['Increase deal registrations', 'deal_registrations'],
  ['Certify technical staff', 'certified_people'],
  ['Improve win rate', 'win_rate'],
  ['Activate more portal users', 'active_contacts'],
  ['Run joint customer workshops', 'custom'],
] as const;

export const JBP_INITIATIVES = [
  'Quarterly joint pipeline review',
  'Launch co-branded campaign',
  'Enroll sales team in Sales Foundations',
  'Stand up a demo lab',
  'Host executive roundtable',
  'Build a vertical solution offer',
  'Run a marketplace listing sprint',
  'Assign a dedicated presales engineer',
  'Account mapping session',
  'Refresh partner battlecards',
] as const;

export const QBR_SECTIONS = ['Highlights', 'Challenges', 'Pipeline', 'Enablement', 'Marketing', 'Next quarter'] as const;

export const QBR_COMMENTARY = [
  'Strong quarter on new logos; two large renewals slipped into next quarter.',
  'Pipeline coverage is thin for the second half; need more top-of-funnel activity.',
  'Certification push paid off: three new certified architects.',
  'Partner is restructuring their sales team; expect a slow quarter.',
  'Marketplace motion is gaining traction with mid-market customers.',
  'Channel conflict on two accounts resolved in partner’s favour.',
] as const;

export const QBR_COMMITMENTS = [
  'Partner to register all net-new opportunities within 5 days.',
  'Vendor to provide a dedicated SE for the healthcare vertical.',
  'Partner to complete two certifications before quarter end.',
  'Joint webinar for the EMEA manufacturing segment.',
  'Vendor to fast-track MDF approval for the Q-end campaign.',
  'Partner to build a 3x pipeline coverage plan.',
] as const;

export const NOTES = [
  'Met with the partner principal; they are evaluating a competing program.',
  'Asked for a pricing exception on the Globex renewal.',
  'New alliance manager starts next month; schedule onboarding.',
  'Great feedback from the last joint customer workshop.',
  'Follow up on the overdue MDF claim.',
] as const;
