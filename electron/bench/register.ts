// Register queries at scale (issue 3 completes this suite).
import type { BenchSuite } from './types.js';

export const registerSuite: BenchSuite = {
  name: 'register',
  setup: ({ core }) => {
    const raw = core.db.prepare(
      `SELECT r.*, g.name AS region_name, d.name AS domain_name FROM risks r
       JOIN regions g ON g.id = r.region_id JOIN domains d ON d.id = r.domain_id
       WHERE r.deleted_at IS NULL ORDER BY r.level ASC NULLS LAST, r.id ASC LIMIT 20`,
    );
    return [
      {
        name: 'first page (level order)',
        api: async () => {
          const r = await core.dispatch('risks.list', { page: 1, pageSize: 20 });
          if (!r.ok) throw new Error(r.error.message);
          return (r.value as { rows: Array<{ id: number }> }).rows.map((x) => x.id);
        },
        raw: () => (raw.all() as Array<{ id: number }>).map((x) => x.id),
        same: (a, b) => {
          if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error('first page: api and raw rows differ');
        },
        targetMs: 30,
        targetRatio: 1.5,
      },
    ];
  },
};
