/**
 * `#/health` was the health grid before it merged into the Portfolio. Old links and
 * bookmarks land here and are redirected (history entry replaced) to `#/portfolio`.
 */
import { useEffect } from 'react';
import { navigate } from '../../app/router';

function HealthAlias() {
  useEffect(() => navigate('/portfolio', { replace: true }), []);
  return null;
}

export default HealthAlias;
