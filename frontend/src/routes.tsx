import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useSession } from './auth/session';
import type { Role } from './gql/graphql';
import { PageLoading } from './components/PageLoading';
import { ErrorBoundary } from './components/ErrorBoundary';
import LoginPage from './pages/login/LoginPage';
import { rolesFor } from './pages/layout/menu';

// Only the sign-in page is in the first chunk. The frame of the signed-in
// screens, and each screen (with its heavy antd parts: Table, DatePicker,
// GraphiQL's editor), load on demand.
const AppLayout = lazy(() => import('./pages/layout/AppLayout'));
const HomePage = lazy(() => import('./pages/home/HomePage'));
const ForbiddenPage = lazy(() => import('./pages/notfound/ForbiddenPage'));
const DepartmentsPage = lazy(() => import('./pages/departments/DepartmentsPage'));
const UsersPage = lazy(() => import('./pages/users/UsersPage'));
const AuditPage = lazy(() => import('./pages/audit/AuditPage'));
const GraphiQLPage = lazy(() => import('./pages/graphiql/GraphiQLPage'));
const ItemsPage = lazy(() => import('./pages/items/ItemsPage'));
const ObjectsPage = lazy(() => import('./pages/objects/ObjectsPage'));
const InspectorsPage = lazy(() => import('./pages/inspectors/InspectorsPage'));
const ImportPage = lazy(() => import('./pages/import/ImportPage'));
const OpenLayout = lazy(() => import('./pages/public/OpenLayout'));
const OpenPage = lazy(() => import('./pages/public/OpenPage'));
const OpenItemsPage = lazy(() => import('./pages/public/OpenItemsPage'));
const OpenPlansPage = lazy(() => import('./pages/openplans/OpenPlansPage'));
const OpenPlanPage = lazy(() => import('./pages/openplans/OpenPlanPage'));
const OpenDrawsPage = lazy(() => import('./pages/draws/OpenDrawsPage'));
const OpenDrawPage = lazy(() => import('./pages/draws/OpenDrawPage'));
const PlansPage = lazy(() => import('./pages/plans/PlansPage'));
const PlanWizardPage = lazy(() => import('./pages/plans/PlanWizardPage'));
const PlanDetailPage = lazy(() => import('./pages/plans/PlanDetailPage'));
const DrawCeremonyPage = lazy(() => import('./pages/plans/DrawCeremonyPage'));
const DrawTasksPage = lazy(() => import('./pages/plans/DrawTasksPage'));
const NotFoundPage = lazy(() => import('./pages/notfound/NotFoundPage'));

/** Signed-in screens: the sign-in page for everyone else, coming back afterwards. */
function RequireSession({ children }: { children: ReactNode }) {
  const { status } = useSession();
  const location = useLocation();
  if (status === 'loading') return <PageLoading fullScreen />;
  if (status === 'signedOut') {
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  }
  return children;
}

/** A screen for some roles only. The API enforces it; the UI only reflects it. */
function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { user } = useSession();
  if (!user || !roles.includes(user.role)) return <ForbiddenPage />;
  return children;
}

function Standalone({ children }: { children: ReactNode }) {
  return <Suspense fallback={<PageLoading fullScreen />}>{children}</Suspense>;
}

export function AppRoutes() {
  return (
    <ErrorBoundary>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route
          path="/open"
          element={
            <Standalone>
              <OpenLayout />
            </Standalone>
          }
        >
          <Route index element={<OpenPage />} />
          <Route path="items" element={<OpenItemsPage />} />
          <Route path="plans" element={<OpenPlansPage />} />
          <Route path="plans/:uid" element={<OpenPlanPage />} />
          <Route path="draws" element={<OpenDrawsPage />} />
          <Route path="draws/:id" element={<OpenDrawPage />} />
        </Route>
        <Route
          element={
            <RequireSession>
              <Suspense fallback={<PageLoading fullScreen />}>
                <AppLayout />
              </Suspense>
            </RequireSession>
          }
        >
          <Route index element={<HomePage />} />
          <Route path="departments" element={<DepartmentsPage />} />
          <Route path="items" element={<ItemsPage />} />
          <Route path="plans" element={<PlansPage />} />
          <Route
            path="plans/new"
            element={
              <RequireRole roles={['ADMIN', 'DEPT_ADMIN']}>
                <PlanWizardPage />
              </RequireRole>
            }
          />
          <Route
            path="plans/:id/edit"
            element={
              <RequireRole roles={['ADMIN', 'DEPT_ADMIN']}>
                <PlanWizardPage />
              </RequireRole>
            }
          />
          <Route path="plans/:id" element={<PlanDetailPage />} />
          <Route path="plans/:id/draw" element={<DrawCeremonyPage />} />
          <Route path="draws/:id/tasks" element={<DrawTasksPage />} />
          <Route
            path="objects"
            element={
              <RequireRole roles={rolesFor('objects')}>
                <ObjectsPage />
              </RequireRole>
            }
          />
          <Route
            path="inspectors"
            element={
              <RequireRole roles={rolesFor('inspectors')}>
                <InspectorsPage />
              </RequireRole>
            }
          />
          <Route
            path="import"
            element={
              <RequireRole roles={rolesFor('import')}>
                <ImportPage />
              </RequireRole>
            }
          />
          <Route
            path="users"
            element={
              <RequireRole roles={rolesFor('users')}>
                <UsersPage />
              </RequireRole>
            }
          />
          <Route
            path="audit"
            element={
              <RequireRole roles={rolesFor('audit')}>
                <AuditPage />
              </RequireRole>
            }
          />
          <Route
            path="graphiql"
            element={
              <RequireRole roles={rolesFor('graphiql')}>
                <GraphiQLPage />
              </RequireRole>
            }
          />
        </Route>
        <Route
          path="*"
          element={
            <Standalone>
              <NotFoundPage />
            </Standalone>
          }
        />
      </Routes>
    </ErrorBoundary>
  );
}
