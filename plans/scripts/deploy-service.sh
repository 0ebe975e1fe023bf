#!/bin/sh
# deploy-service.sh SERVICE VERSION   rolls the service's deployment to VERSION and waits for it
# deploy-service.sh SERVICE --undo    rolls the deployment back to its previous revision
#
# SERVICE is the plan's name for it (user_service); the Kubernetes deployment
# is the same name with dashes (user-service).
set -eu
service="$1"
version="$2"
namespace="${K8S_NAMESPACE:-shop}"
registry="${IMAGE_REGISTRY:-registry.internal/shop}"
deployment="$(printf '%s' "$service" | tr '_' '-')"

if [ "$version" = "--undo" ]; then
  kubectl -n "$namespace" rollout undo "deployment/$deployment"
else
  kubectl -n "$namespace" set image "deployment/$deployment" "app=$registry/$deployment:$version"
fi
kubectl -n "$namespace" rollout status "deployment/$deployment" --timeout=10m
