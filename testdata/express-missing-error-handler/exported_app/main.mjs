import { app } from './app.mjs';
import { handleErrors } from './errors.mjs';

app.use(handleErrors);
app.listen(3000);
