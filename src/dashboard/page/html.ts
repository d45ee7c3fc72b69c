import htm from 'htm';
import { h } from 'preact';

/** Preact's h as tagged templates: the page needs no JSX compiler (README "Dashboard"). */
export const html = htm.bind(h);
