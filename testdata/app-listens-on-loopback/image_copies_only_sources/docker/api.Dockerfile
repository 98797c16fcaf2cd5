FROM node:20-alpine
WORKDIR /srv
COPY api/package.json ./
RUN npm install --omit=dev
COPY api/ ./
CMD ["node", "server.js"]
