export const cache = connect(process.env.CACHE_URL);
