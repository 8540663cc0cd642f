#!/bin/bash
# usage: flood.sh BINARY  -> RSS after 10 s of `yes 0.5,0 |` live input, and seconds from q to exit
M=$(cd "$(dirname "$0")/.." && pwd)/demos/adding/model.safetensors; B=$1; S=${TMPDIR:-/tmp}/fl-$$
tmux -S $S new-session -d -x 120 -y 40 "yes 0.5,0 | $B explore --model $M --input -; echo EXITED > ${TMPDIR:-/tmp}/fexit-$$; sleep 30"
sleep 10
pid=$(pgrep -n -x gatescope)
echo "RSS after 10 s: $(ps -o rss= -p $pid) KB"
start=$(date +%s.%N)
tmux -S $S send-keys q
while [ ! -e ${TMPDIR:-/tmp}/fexit-$$ ]; do sleep 0.02; now=$(date +%s); [ $((now - ${start%.*})) -gt 60 ] && { echo "q not handled in 60 s"; kill $pid; break; }; done
end=$(date +%s.%N)
echo "q → exit: $(echo "$end - $start" | bc) s"
tmux -S $S kill-server; rm -f ${TMPDIR:-/tmp}/fexit-$$ $S
