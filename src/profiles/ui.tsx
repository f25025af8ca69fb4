// Small pieces the profile screens share: the tabs are the platform's (src/platform/ui/nav.tsx).
export { Tabs } from '../platform/ui/nav.tsx';
