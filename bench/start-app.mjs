/**
 * The app for a bench or a script, started again on the same database when a start fails.
 * Seeding the demo reports (thousands) is one synchronous step that, on a loaded machine,
 * outlasts Fastify's 10 s plugin timeout: the start then fails although the reports are
 * written, and a second start on the same file finds them and skips the seeding.
 *
 * @param {(options: object) => Promise<import('fastify').FastifyInstance>} buildApp server/app.ts's
 * @param {object} options its options (the same dbPath each time)
 */
export async function startApp(buildApp, options, attempts = 3) {
  for (let attempt = 1; ; attempt++) {
    try {
      const app = await buildApp(options);
      await app.ready();
      return app;
    } catch (error) {
      if (attempt >= attempts) throw error;
      console.error(`app start ${attempt} failed (${error.code ?? error.message}); again on the same database`);
    }
  }
}
