import type { SignOnMode } from '../core/types';

// Realistic app and group names for the seed. The mix (SAML, OIDC, bookmark, SWA) mirrors a typical
// Workforce org so that list screens and filters see every sign-on mode.
export const APP_CATALOG: ReadonlyArray<{ name: string; label: string; signOnMode: SignOnMode }> = [
  { name: 'salesforce', label: 'Salesforce.com', signOnMode: 'SAML_2_0' },
  { name: 'slack', label: 'Slack', signOnMode: 'SAML_2_0' },
  { name: 'zoomus', label: 'Zoom', signOnMode: 'SAML_2_0' },
  { name: 'google', label: 'Google Workspace', signOnMode: 'SAML_2_0' },
  { name: 'atlassian', label: 'Atlassian Cloud', signOnMode: 'SAML_2_0' },
  { name: 'workday', label: 'Workday', signOnMode: 'SAML_2_0' },
  { name: 'box', label: 'Box', signOnMode: 'SAML_2_0' },
  { name: 'aws_account_federation', label: 'AWS Account Federation', signOnMode: 'SAML_2_0' },
  { name: 'servicenow_ud', label: 'ServiceNow', signOnMode: 'SAML_2_0' },
  { name: 'oidc_client', label: 'Expense Portal', signOnMode: 'OPENID_CONNECT' },
  { name: 'oidc_client', label: 'Internal Dashboard', signOnMode: 'OPENID_CONNECT' },
  { name: 'oidc_client', label: 'Benefits Hub', signOnMode: 'OPENID_CONNECT' },
  { name: 'bookmark', label: 'Company Wiki', signOnMode: 'BOOKMARK' },
  { name: 'bookmark', label: 'IT Help Desk', signOnMode: 'BOOKMARK' },
  { name: 'bookmark', label: 'Travel Booking', signOnMode: 'BOOKMARK' },
  { name: 'template_swa', label: 'Payroll Legacy', signOnMode: 'BROWSER_PLUGIN' },
  { name: 'template_basic_auth', label: 'Build Server', signOnMode: 'BASIC_AUTH' },
  { name: 'docusign', label: 'DocuSign', signOnMode: 'SAML_2_0' },
  { name: 'github_enterprise', label: 'GitHub Enterprise', signOnMode: 'SAML_2_0' },
  { name: 'template_sps', label: 'Vendor Portal', signOnMode: 'SECURE_PASSWORD_STORE' },
];

export const DEPARTMENTS = [
  'Engineering',
  'Sales',
  'Marketing',
  'Finance',
  'Human Resources',
  'Legal',
  'Customer Success',
  'IT',
  'Operations',
  'Product',
  'Security',
  'Design',
];

export const REGIONS = ['EMEA', 'AMER', 'APAC'];

export const TITLES = ['Engineer', 'Manager', 'Analyst', 'Director', 'Specialist', 'Coordinator', 'Associate', 'Lead'];
