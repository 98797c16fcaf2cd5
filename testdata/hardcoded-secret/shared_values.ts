// A map from form field types to CSS classes: `password` is one row of the table.
const fieldClasses = { text: 'input', password: 'input', email: 'input' };
const widgetClass = {};
widgetClass.text = 'box';
widgetClass.password = 'box';
widgetClass.number = 'box';

// One sibling with the same value is a user and password pair: still reported.
const database = { user: 'admin', password: 'admin' }; // expect: hardcoded-secret
const broker = {};
broker.user = 'mq';
broker.password = 's3cr3t-broker'; // expect: hardcoded-secret
broker.host = 's3cr3t-broker';

export default { fieldClasses, widgetClass, database, broker };
