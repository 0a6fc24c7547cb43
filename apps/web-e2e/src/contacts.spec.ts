import { expect, test } from './support/fixtures';
import { newClient, signUpInBrowser } from './support/accounts';
import { AdminApi } from './support/admin-api';

test.describe('contacts and click-to-call', () => {
  test('save a contact from a call in the history, see the name there, and call it back with one click', async ({
    page,
    request,
  }) => {
    const client = newClient();
    await signUpInBrowser(page, client);
    await expect(page).toHaveURL(/\/voip\/dashboard$/);
    const myNumber = await (await AdminApi.signIn(request)).approveWithNumber(client.email);

    // A tel: link handed to the dialer fills the number in and dials nothing by itself.
    await page.goto('/voip/dialer?number=tel:%2B15005550002');
    const field = page.getByLabel('Phone number');
    await expect(field).toHaveValue(/500\D*555\D*0002/);
    const call = page.getByRole('button', { name: 'Call', exact: true });
    await expect(call).toBeEnabled();
    const status = page.getByRole('status');
    await expect(status).toHaveText('');
    await call.click();
    await expect(status).toHaveText(/Busy/, { timeout: 15_000 });

    // Add to contacts from the call's details.
    await page.goto('/voip/calls');
    const table = page.getByRole('table', { name: 'Calls' });
    const row = table.getByRole('row').filter({ hasText: '555-0002' }).first();
    await expect(row).toContainText('Busy');
    await row.getByRole('button', { name: /555-0002/ }).click();
    const details = page.getByRole('dialog', { name: 'Call details' });
    await details.getByRole('button', { name: 'Add to contacts' }).click();
    const editor = page.getByRole('dialog', { name: 'New contact' });
    await editor.getByLabel('Name').fill('Bea Busyline');
    await editor.getByLabel('Company').fill('Signal Test Co');
    await expect(editor.getByLabel('Phone number')).toHaveValue(/500\D*555\D*0002/);
    await editor.getByRole('button', { name: 'Save contact' }).click();
    await expect(editor).toBeHidden();
    await expect(details.getByTestId('contact-name')).toHaveText('Bea Busyline');
    await expect(details.getByRole('button', { name: 'Add to contacts' })).toBeHidden();
    await details.getByRole('button', { name: 'Close' }).click();

    // The history shows the name instead of the bare number, with the number beside it.
    const named = table.getByRole('row').filter({ hasText: 'Bea Busyline' });
    await expect(named).toHaveCount(1);
    await expect(named).toContainText('555-0002');

    // One click on the row's call link opens the dialer prefilled (from the same caller ID); it does not dial.
    await named.getByRole('link', { name: 'Call Bea Busyline' }).click();
    await expect(page).toHaveURL(/\/voip\/dialer\?number=(%2B|\+)15005550002/);
    await expect(field).toHaveValue(/500\D*555\D*0002/);
    await expect(status).toHaveText('');
    await expect(page.getByRole('combobox', { name: 'Caller ID' })).toContainText(myNumber.slice(-4));
    // The dialer's recents show the name too.
    await expect(page.getByRole('region', { name: 'Recent calls' })).toContainText('Bea Busyline');
    await call.click();
    await expect(status).toHaveText(/Busy/, { timeout: 15_000 });

    await page.goto('/voip/calls');
    await expect(table.getByRole('row').filter({ hasText: 'Bea Busyline' })).toHaveCount(2);
  });

  test('the dialer suggests contacts while a name or number is typed, and a pick only fills the number', async ({
    page,
    request,
  }) => {
    const client = newClient();
    await signUpInBrowser(page, client);
    await (await AdminApi.signIn(request)).approveWithNumber(client.email);

    await page.goto('/voip/contacts');
    await page.getByRole('button', { name: 'Add contact' }).click();
    const editor = page.getByRole('dialog', { name: 'New contact' });
    await editor.getByLabel('Name').fill('Nora Noanswer');
    await editor.getByLabel('Phone number').fill('(500) 555-0003');
    await editor.getByRole('button', { name: 'Save contact' }).click();
    await expect(editor).toBeHidden();
    const list = page.getByRole('list', { name: 'Contacts' });
    await expect(list).toContainText('Nora Noanswer');
    await page.getByTestId('contacts-search').fill('500 555 00');
    await expect(list.getByTestId('contact-row')).toHaveCount(1);
    await page.getByTestId('contacts-search').fill('nobody here');
    await expect(page.getByText('No contact matches')).toBeVisible();

    await page.goto('/voip/dialer');
    const field = page.getByLabel('Phone number');
    await field.pressSequentially('nora');
    await page.getByRole('option', { name: /Nora Noanswer/ }).click();
    await expect(field).toHaveValue(/500\D*555\D*0003/);
    await expect(page.getByRole('status')).toHaveText('');
    await field.fill('');
    await field.pressSequentially('5550');
    await expect(page.getByRole('option', { name: /Nora Noanswer/ })).toBeVisible();
  });
});
