import { describe, expect, it } from 'vitest';
import { api, checkContract, officeWithStaff } from './helpers';

describe('the contract test (helpers.api checks every response of the integration suite)', () => {
  it('accepts a response that fits its route schema, refuses one that does not', async () => {
    const staff = await officeWithStaff('contract');
    const res = await api('GET', '/periods', { token: staff.kasi });
    expect(res.status).toBe(200);
    expect(() => checkContract('GET', '/periods', 200, res.body)).not.toThrow();
    expect(() => checkContract('GET', '/periods', 200, { items: [{ id: 'x' }], nextCursor: null })).toThrow(
      /does not fit periods\/list-periods/,
    );
    expect(() => checkContract('GET', '/periods', 201, res.body)).toThrow(/the route declares 200/);
  });

  it('refuses an error outside the envelope or with an unknown code', () => {
    expect(() =>
      checkContract('GET', '/periods', 404, { error: { code: 'not_found', message: 'x', details: [] } }),
    ).not.toThrow();
    expect(() => checkContract('GET', '/periods', 500, { message: 'Internal Server Error' })).toThrow(
      /envelope/,
    );
    expect(() =>
      checkContract('GET', '/periods', 409, { error: { code: 'made_up', message: 'x', details: [] } }),
    ).toThrow(/envelope/);
  });
});
