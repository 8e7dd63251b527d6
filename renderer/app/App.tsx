import { Center, Loader, MantineProvider, Alert } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { useCallback } from 'react';
import { HashRouter, Navigate, Route, Routes } from 'react-router-dom';
import 'dayjs/locale/zh-cn';
import { AdminPage } from '../features/admin/AdminPage';
import { ChangePasswordPage } from '../features/auth/ChangePasswordPage';
import { LockScreen } from '../features/auth/LockScreen';
import { LoginPage } from '../features/auth/LoginPage';
import { DatabaseErrorPage, UnlockPage } from '../features/auth/UnlockPage';
import { ChildPage } from '../features/children/ChildPage';
import { ChildSummaryPage } from '../features/children/ChildSummaryPage';
import { ChildrenFilterProvider } from '../features/children/children-filter';
import { ChildrenListPage } from '../features/children/ChildrenListPage';
import { DashboardPage } from '../features/dashboard/DashboardPage';
import { LedgerPrintPage } from '../features/ledgers/LedgerPrintPage';
import { LedgersPage } from '../features/ledgers/LedgersPage';
import { RehabPage } from '../features/rehab/RehabPage';
import { ReportsPage } from '../features/reports/ReportsPage';
import { CasePage } from '../features/reintegration/CasePage';
import { DossierPage } from '../features/reintegration/DossierPage';
import { PipelinePage } from '../features/reintegration/PipelinePage';
import { RecoveryCodeGate } from '../features/setup/RecoveryCodeGate';
import { RecoveryCodePage } from '../features/setup/RecoveryCodePage';
import { SetupPage } from '../features/setup/SetupPage';
import { LeaveGuardProvider } from '../components/unsaved';
import { I18nProvider, useI18n } from '../i18n';
import { AppStateProvider, useAppState } from './app-state';
import { DeskBanner, DeskStateProvider, useDeskState } from './desk-state';
import { ConnectHostPage } from '../features/desks/ConnectHostPage';
import { useIdleLock } from './idle-lock';
import { Shell } from './Shell';
import { theme } from './theme';

function SignedIn() {
  const { status, refresh } = useAppState();
  const onLocked = useCallback(() => void refresh(), [refresh]);
  useIdleLock(status?.idleLockMinutes ?? 10, !status?.screenLocked, onLocked);
  return (
    <ChildrenFilterProvider>
      <LeaveGuardProvider>
      <Shell>
        <RecoveryCodeGate>
        <Routes>
          <Route path="/" element={<DashboardPage />} />
          <Route path="/children" element={<ChildrenListPage />} />
          <Route path="/children/:id" element={<ChildPage />} />
          <Route path="/children/:id/summary" element={<ChildSummaryPage />} />
          <Route path="/children/:id/:tab" element={<ChildPage />} />
          <Route path="/rehabilitation" element={<RehabPage />} />
          <Route path="/rehabilitation/:tab" element={<RehabPage />} />
          <Route path="/reintegration" element={<PipelinePage />} />
          <Route path="/reintegration/:caseId" element={<CasePage />} />
          <Route path="/reintegration/:caseId/dossier" element={<DossierPage />} />
          <Route path="/reports" element={<ReportsPage />} />
          <Route path="/ledgers" element={<LedgersPage />} />
          <Route path="/ledgers/:tab" element={<LedgersPage />} />
          <Route path="/ledgers/print/:kind" element={<LedgerPrintPage />} />
          <Route path="/admin" element={<AdminPage />} />
          <Route path="/admin/:tab" element={<AdminPage />} />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
        </RecoveryCodeGate>
      </Shell>
      </LeaveGuardProvider>
      {status?.screenLocked && <LockScreen />}
    </ChildrenFilterProvider>
  );
}

/** Chooses what to show from the app's phase and the session. */
function Gate() {
  const { status, loadError, recoveryCode } = useAppState();
  const { desk } = useDeskState();
  // A workstation not yet enrolled has no data to show: it connects to the data host first.
  if (desk?.mode === 'workstation' && !desk.enrolled) return <ConnectHostPage />;
  if (loadError) return <Alert color="red" m="xl">{loadError}</Alert>;
  if (!status) {
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  }
  if (recoveryCode) return <RecoveryCodePage code={recoveryCode} />;
  switch (status.phase) {
    case 'setup':
      return <SetupPage />;
    case 'unlock':
      return <UnlockPage />;
    case 'error':
      return <DatabaseErrorPage />;
    case 'ready':
      if (!status.user) return <LoginPage />;
      if (status.user.mustChangePassword) return <ChangePasswordPage />;
      return <SignedIn />;
  }
}

function Providers() {
  const { locale } = useI18n();
  return (
    <DatesProvider settings={{ locale: locale === 'zh-CN' ? 'zh-cn' : 'en', firstDayOfWeek: 1 }}>
      <DeskStateProvider>
        <AppStateProvider>
          <HashRouter>
            <div data-app-ready="true" style={{ display: 'contents' }}>
              <Gate />
            </div>
          </HashRouter>
          <DeskBanner />
        </AppStateProvider>
      </DeskStateProvider>
    </DatesProvider>
  );
}

export function App() {
  return (
    <MantineProvider theme={theme}>
      <Notifications position="top-right" />
      <I18nProvider>
        <Providers />
      </I18nProvider>
    </MantineProvider>
  );
}
