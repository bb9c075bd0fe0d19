export interface Site {
  id: string;
  name: string;
  domains: string[];
  timeZone: string;
  respectDnt: boolean;
  apiSecret: string;
  createdAt: number;
}
