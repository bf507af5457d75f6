#!/bin/sh
# A single-node Slurm with its own munge, all its state in one directory, to try
# caseload's shards on one machine (Debian: apt-get install slurm-wlm munge; as root).
#
#   single-node.sh start DIR   starts munged, slurmctld and slurmd; prints the SLURM_CONF to export
#   single-node.sh stop DIR    stops them, by the PIDs in DIR
#
# SLURMCTLD_PORT and SLURMD_PORT choose the ports (6817 and 6818 by default).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
[ $# -eq 2 ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }
mkdir -p "$2"
dir=$(cd "$2" && pwd)
case "$1" in
start)
  mkdir -p "$dir/munge" "$dir/state" "$dir/spool"
  # munged refuses a socket below a directory that not everyone may pass through
  # (DIR's parents too: choose DIR where they are, such as under /tmp or /var/tmp).
  chmod 711 "$dir" "$dir/munge"
  # A key of this cluster alone (mungekey does the same where it is installed).
  dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 2>/dev/null
  chmod 400 "$dir/munge/munge.key"
  munged --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.socket" \
    --pid-file="$dir/munged.pid" --log-file="$dir/munged.log" --seed-file="$dir/munge/seed"
  sed -e "s|@HOST@|$(hostname -s)|g" -e "s|@CPUS@|$(nproc)|g" -e "s|@DIR@|$dir|g" \
    -e "s|@MUNGE_SOCKET@|$dir/munge/munge.socket|g" \
    -e "s|@CTLD_PORT@|${SLURMCTLD_PORT:-6817}|g" -e "s|@SLURMD_PORT@|${SLURMD_PORT:-6818}|g" \
    "$here/slurm.conf" >"$dir/slurm.conf"
  export SLURM_CONF="$dir/slurm.conf"
  slurmctld
  slurmd
  # Ready when the node takes jobs.
  tries=0
  until sinfo -h -o %t 2>/dev/null | grep -qx idle; do
    tries=$((tries + 1))
    if [ "$tries" -gt 120 ]; then
      echo "Slurm did not come up in 60 s: see $dir/slurmctld.log and $dir/slurmd.log" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "export SLURM_CONF=$dir/slurm.conf"
  ;;
stop)
  for daemon in slurmd slurmctld munged; do
    if [ -f "$dir/$daemon.pid" ]; then kill "$(cat "$dir/$daemon.pid")" 2>/dev/null || true; fi
  done
  ;;
*)
  echo "usage: $0 start|stop DIR" >&2
  exit 2
  ;;
esac
