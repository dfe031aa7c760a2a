// The apply tier (`npm run test:apply`): generated modules applied to moto, re-planned, destroyed.
// Separate from `npm test`, which stays offline and fast; .ci/run runs both.
const base = require("./jest.config.js");
/** @type {import('jest').Config} */
module.exports = { ...base, testMatch: ["**/*.apply.ts"], testTimeout: 600000 };
