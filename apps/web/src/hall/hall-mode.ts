// What main.tsx loads on a hall tablet only (a chunk of its own, outside the app's first load).
export { createHallUserManager } from './hall-auth';
export { createHallRouter } from './hall-router';
