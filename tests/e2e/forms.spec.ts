/**
 * Issue 18 items 1, 2, 3, 5 and 10 in the browser: nothing typed is lost without asking (an in-place
 * edit and a dialog), drafts of long forms survive closing the dialog, the instrument picked from the
 * list keeps its range and cut-offs, a revision keeps its baselines and the approval dialog shows the
 * changes with nothing preselected, the registration form fills itself from the ID number, sessions
 * save with Ctrl+Enter and start at the plan's minutes.
 */
import { test } from '@playwright/test';
import { mentalHealthCheck, noShot, nothingTypedIsLost, planRevisionAndApproval } from './support/forms-flows';
import { statusAndKeyDialogsAsk } from './support/discard-flows';
import { withSignedInApp } from './support/host';

const PASSPHRASE = 'e2e passphrase for forms';

test('an in-place edit and a dialog ask before discarding; the ID number fills the registration form and a registered one links to its child', async ({ page }, testInfo) => {
  test.setTimeout(150_000);
  await withSignedInApp(page, testInfo.testId, PASSPHRASE, async (host) => {
    await nothingTypedIsLost(page, host.url, noShot);
  });
});

test('a plan revision keeps its baselines; the approval dialog lists the changes and chooses nothing; sessions start at the plan’s minutes and save with Ctrl+Enter', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await withSignedInApp(page, testInfo.testId, PASSPHRASE, async (host) => {
    await planRevisionAndApproval(page, host.url, noShot);
  });
});

test('a mental-health check: the instrument picked from the list keeps its range and cut-offs, and the draft survives closing the dialog', async ({ page }, testInfo) => {
  test.setTimeout(150_000);
  await withSignedInApp(page, testInfo.testId, PASSPHRASE, async (host) => {
    await mentalHealthCheck(page, host.url, noShot);
  });
});

test('the discharge dialog (form and review step) and the key change ask before discarding what was typed', async ({ page }, testInfo) => {
  test.setTimeout(150_000);
  await withSignedInApp(page, testInfo.testId, PASSPHRASE, async (host) => {
    await statusAndKeyDialogsAsk(page, host.url);
  });
});
