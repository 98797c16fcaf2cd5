import jwt from 'jsonwebtoken';
import { Pool } from 'pg';

export const pool = new Pool({ connectionString: process.env.DATABASE_URL });
export const sign = (id: string) => jwt.sign({ sub: id }, process.env.JWT_SECRET as string);
export const port = parseInt(process.env.PORT!);
