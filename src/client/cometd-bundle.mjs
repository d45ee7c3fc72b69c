// The entry of dist/vendor/cometd.cjs: the official CometD client and its Node adapter ship as
// ES modules only, which Jest cannot require on Node < 24.9; esbuild bundles them as CommonJS
// so that gws-sim's test harness loads in any test runner.
export { CometD } from 'cometd';
export { adapt } from 'cometd-nodejs-client';
