import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Button } from 'antd';
import i18n from '../i18n';

interface State {
  error: Error | null;
}

/** Catches render errors and failed chunk loads (after a new release): offers a reload. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('suiji: render error', error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="standalone-page" role="alert">
        <div className="crash">
          <h1>{i18n.t('error.crashTitle')}</h1>
          <p>{i18n.t('error.crashMessage')}</p>
          <Button type="primary" onClick={() => window.location.reload()}>
            {i18n.t('error.reload')}
          </Button>
        </div>
      </div>
    );
  }
}
