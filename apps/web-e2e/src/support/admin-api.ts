import { APIRequestContext, expect } from '@playwright/test';
import { ADMIN, newClient } from './accounts';

let adminAddress = 0;
let numberCounter = 0;

/** A client address per admin request that counts against a per-address limit (sign-in, sign-up). */
function nextAdminAddress(): { 'X-Forwarded-For': string } {
  adminAddress += 1;
  return { 'X-Forwarded-For': `203.0.113.${((process.pid + adminAddress) % 250) + 1}` };
}

/** The admin's side of a journey, driven through the admin API (as another system or the console would). */
export class AdminApi {
  private constructor(
    private readonly request: APIRequestContext,
    private readonly token: string,
  ) {}

  static async signIn(request: APIRequestContext): Promise<AdminApi> {
    const res = await request.post('/api/v1/auth/login', { data: ADMIN, headers: nextAdminAddress() });
    expect(res.status()).toBe(200);
    return new AdminApi(request, (await res.json()).accessToken);
  }

  private get headers() {
    return { Authorization: `Bearer ${this.token}` };
  }

  async userIdOf(email: string): Promise<number> {
    const res = await this.request.get(`/api/v1/admin/users?q=${encodeURIComponent(email)}`, { headers: this.headers });
    expect(res.status()).toBe(200);
    return (await res.json()).data[0].id;
  }

  async approveUser(email: string): Promise<void> {
    const id = await this.userIdOf(email);
    const res = await this.request.patch(`/api/v1/admin/users/${id}`, {
      headers: this.headers,
      data: { status: 'active' },
    });
    expect(res.status()).toBe(200);
  }

  /**
   * A new admin for one spec's walk through the console: specs that visit many admin pages as the shared admin would
   * spend its per-user request budget (100 a minute) and leave the specs after them with 429s.
   */
  async adminOfItsOwn(): Promise<{ email: string; password: string }> {
    const admin = newClient();
    // From an address of its own: sign-ups are limited per address, and the suite signs up many clients.
    const res = await this.request.post('/api/v1/auth/signup', { data: admin, headers: nextAdminAddress() });
    expect(res.status()).toBe(201);
    await this.promoteToAdmin(admin.email);
    return admin;
  }

  /** Approves the account and makes it an admin: a second admin with a request budget of its own. */
  async promoteToAdmin(email: string): Promise<void> {
    const id = await this.userIdOf(email);
    const res = await this.request.patch(`/api/v1/admin/users/${id}`, {
      headers: this.headers,
      data: { status: 'active', role: 'admin' },
    });
    expect(res.status()).toBe(200);
  }

  async addNumber(phoneNumber: string, friendlyName: string): Promise<number> {
    const res = await this.request.post('/api/v1/admin/numbers', {
      headers: this.headers,
      data: { phoneNumber, friendlyName, locationCity: 'Riverside', locationState: 'CA' },
    });
    expect(res.status()).toBe(201);
    return (await res.json()).id;
  }

  /** Approves the account and gives it a fresh number, as an admin does for a new customer. */
  async approveWithNumber(email: string): Promise<string> {
    await this.approveUser(email);
    numberCounter += 1;
    const phoneNumber = `+1909555${String(1000 + ((process.pid * 7 + numberCounter * 13 + Date.now()) % 9000)).padStart(4, '0')}`;
    const numberId = await this.addNumber(phoneNumber, 'Main line');
    const res = await this.request.patch(`/api/v1/admin/numbers/${numberId}`, {
      headers: this.headers,
      data: { ownerId: await this.userIdOf(email) },
    });
    expect(res.status()).toBe(200);
    return phoneNumber;
  }

  /** Approves the user's pending request with the best available match. */
  async approvePendingRequestOf(email: string): Promise<{ status: string; assignedNumberId: number | null }> {
    const list = await this.request.get('/api/v1/admin/number-requests?status=pending&pageSize=100', {
      headers: this.headers,
    });
    expect(list.status()).toBe(200);
    const pending = (await list.json()).data.find((r: { user: { email: string } }) => r.user.email === email);
    expect(pending).toBeTruthy();
    const res = await this.request.post(`/api/v1/admin/number-requests/${pending.id}/approve`, {
      headers: this.headers,
      data: { adminNotes: 'Welcome aboard' },
    });
    expect(res.status()).toBe(200);
    return res.json();
  }
}
