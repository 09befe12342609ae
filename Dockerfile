# One image for every app: APP selects which one runs (api-gateway, keys-service, shield-service, audit-service).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
ENV NODE_ENV=production APP=api-gateway
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/libs/shield/models ./libs/shield/models
USER node
CMD ["sh", "-c", "exec node dist/apps/${APP}/src/main.js"]
