/** The app's pre-rendered first screen, made at build time by scripts/first-screen-plugin.ts. */
declare module 'virtual:ldn-first-screen' {
  const data: import('../ui/app/first-screen-codec').FirstScreenData;
  export default data;
}
