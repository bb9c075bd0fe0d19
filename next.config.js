/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native addon (chdb) and data files (geoip-lite's .dat) must be loaded by Node, not bundled.
  serverExternalPackages: ['chdb', 'geoip-lite'],
  // npm test runs tsc over the whole project first; Next's own pass would repeat it.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
