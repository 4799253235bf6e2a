/**
 * `#/health` was the health grid before it merged into the Portfolio. Old links and
 * bookmarks land here and are redirected (history entry replaced) to `#/portfolio`.
 */
import { useEffect } from 'react';
import { definePage } from '../../app/page';
import { navigate } from '../../app/router';

function HealthAlias() {
  useEffect(() => navigate('/portfolio', { replace: true }), []);
  return null;
}

export const healthAliasPage = definePage({
  id: 'health',
  path: '/health',
  title: 'Portfolio',
  navParent: 'portfolio',
  component: HealthAlias,
});
