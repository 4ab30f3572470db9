export { readAsteriskCdrContacts, type AsteriskCdrContacts } from './asterisk-cdr-contacts';
