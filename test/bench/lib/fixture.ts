/** What the emulator service (emulator-host) tells the orchestrator. */
export interface EmulatorInfo {
  url: string;
  /** A ttd org token with instances.read/.write. */
  orgToken: string;
  /** The app whose instance count the bench controls. */
  appId: string;
  instances: number;
  download?: DownloadFixture;
  upload?: UploadFixture;
  seedMs: number;
}

export interface DownloadFixture {
  instanceId: string;
  dataId: string;
  bytes: number;
  /** The App API URL src/api's downloadTo requests; the raw baseline pipes the same URL. */
  url: string;
}

export interface UploadFixture {
  appId: string;
  dataType: string;
  contentType: string;
  filename: string;
}

/** One measured sample from a worker, with what it saw so that modes can be checked to do the same work. */
export interface TimedSample {
  ms: number[];
  /** CPU time (user + system) of the client process for each measured run: steadier than wall time on a busy machine. */
  cpuMs: number[];
  items: number;
  requests: number;
}

export interface TransferSample {
  /** The first transfer in a fresh process. */
  ms: number;
  cpuMs: number;
  /** A second transfer in the same process, its code already optimised. */
  warmMs: number;
  bytes: number;
  /** Of the first transfer: peak RSS (getrusage maxrss) minus RSS just before it started. */
  peakRssGrowth: number;
}
