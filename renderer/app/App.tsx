import type { RendererApi } from '../../shared/ipc/transport';

export function App(_props: { api: RendererApi }) {
  return <h1>ADS Route Studio</h1>;
}
