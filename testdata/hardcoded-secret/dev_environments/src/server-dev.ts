// The development entry point: connects to the developer's local database.
import { start } from './server';

start({ db: { host: 'localhost', user: 'app', password: 'Xk29vLq8dev' } });
