// The dashboard page's entry: `npm run build` bundles it, with Preact and htm, into dist/dashboard/page/app.js.
import { render } from 'preact';
import { App } from './app';
import { html } from './html';
import './style.css';

// The markup before it is for a page whose script did not run.
const root = document.getElementById('app')!;
root.replaceChildren();
render(html`<${App} />`, root);
